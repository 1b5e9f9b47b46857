import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MembershipRole } from '@forum/contracts';

/** A seat's role changed in place (member → co-chair, …): the seat keeps its start, each change is kept here. */
@Entity('membership_role_change')
@Index('membership_role_change_membership', ['membershipId', 'changedAt'])
export class MembershipRoleChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  membershipId: string;

  @Column({ type: 'varchar', length: 20 })
  fromRole: MembershipRole;

  @Column({ type: 'varchar', length: 20 })
  toRole: MembershipRole;

  @Column({ type: 'uuid', nullable: true })
  changedByUserId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
