import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { JoinRequestStatus } from '@forum/contracts';

/** A municipality or FCM asking for a seat at a working group; decided by the secretariat or a co-chair. */
@Entity('join_request')
@Index('join_request_one_pending', ['bodyId', 'governmentId'], { unique: true, where: `status = 'pending'` })
export class JoinRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  bodyId: string;

  @Index()
  @Column({ type: 'uuid' })
  governmentId: string;

  @Column({ type: 'uuid' })
  requestedByUserId: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  message: string | null;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: JoinRequestStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
