import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BilingualText } from '@forum/core';
import type { Locale } from '@forum/contracts';

import { DECISION_POSITIONS, type DecisionPositionKind } from '@forum/contracts';

export { DECISION_POSITIONS, type DecisionPositionKind };

/**
 * A government's position on a decision. A new position supersedes the previous one (which is kept), so
 * the current position is the one row per decision and government with supersededAt null.
 */
@Entity('decision_position')
@Index('decision_position_current', ['decisionId', 'governmentId'], { unique: true, where: 'superseded_at IS NULL' })
@Index('decision_position_history', ['decisionId', 'governmentId', 'recordedAt'])
export class DecisionPosition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  decisionId: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  governmentId: string;

  @Column({ type: 'varchar', length: 30 })
  position: DecisionPositionKind;

  @Column(() => BilingualText)
  comment: BilingualText;

  @Column({ type: 'varchar', length: 2 })
  sourceLang: Locale;

  @Column({ type: 'uuid' })
  recordedByUserId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
