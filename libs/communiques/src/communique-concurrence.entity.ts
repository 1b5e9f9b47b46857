import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CONCURRENCE_POSITIONS, type ConcurrencePosition } from '@forum/contracts';

export { CONCURRENCE_POSITIONS, type ConcurrencePosition };

/** A government's position on one exact revision; kept after a new revision voids it, so the record stays readable. */
@Entity('communique_concurrence')
@Index('communique_concurrence_once', ['communiqueId', 'revision', 'governmentId'], { unique: true })
export class CommuniqueConcurrence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  communiqueId: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'uuid' })
  governmentId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 30 })
  position: ConcurrencePosition;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment: string | null;

  /** set when an edit made a new revision: the concurrence no longer counts */
  @Column({ type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
