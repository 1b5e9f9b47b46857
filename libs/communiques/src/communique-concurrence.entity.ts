import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CONCURRENCE_POSITIONS, type ConcurrencePosition } from '@forum/contracts';
import { BilingualText } from '@forum/core';
import type { Locale } from '@forum/contracts';

export { CONCURRENCE_POSITIONS, type ConcurrencePosition };

/**
 * A government's position on one exact revision; kept after a new revision voids it, so the record stays readable.
 * A government may take a position again on the same revision: the new one supersedes the last (kept as history).
 */
@Entity('communique_concurrence')
@Index('communique_concurrence_current', ['communiqueId', 'revision', 'governmentId'], { unique: true, where: 'superseded_at IS NULL' })
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

  @Column(() => BilingualText)
  comment: BilingualText;

  @Column({ type: 'varchar', length: 2 })
  sourceLang: Locale;

  /** set when the government took another position on the same revision: only the last one counts */
  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  /** set when an edit made a new revision: the concurrence no longer counts */
  @Column({ type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
