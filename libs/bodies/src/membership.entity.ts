import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { MembershipRole } from '@forum/contracts';
import { Government } from '@forum/governments';

/**
 * A government's seat at a body for a period. Removal sets endedAt; rows are never deleted,
 * so the history (Ontario left in 2018, Toronto joined the task force) stays readable.
 */
@Entity('membership')
@Index('membership_one_active_seat', ['bodyId', 'governmentId'], { unique: true, where: 'ended_at IS NULL' })
@Index(['governmentId', 'endedAt'])
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'uuid' })
  governmentId: string;

  @ManyToOne(() => Government, { eager: false })
  @JoinColumn({ name: 'government_id' })
  government?: Government;

  @Column({ type: 'varchar', length: 20 })
  role: MembershipRole;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
