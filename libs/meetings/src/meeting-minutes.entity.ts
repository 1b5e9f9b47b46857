import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { BilingualText, SearchVectors } from '@forum/core';
import type { Locale } from '@forum/contracts';

export const MINUTES_STATUSES = ['draft', 'circulated', 'adopted'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/**
 * The minutes of one meeting: a draft only the secretariat sees, circulated to the members (who comment),
 * then adopted, usually at a later meeting, and frozen. Every saved text is also a numbered revision.
 */
@Entity('meeting_minutes')
// the search's GIN indexes (on search_en, search_fr): TypeORM has no GIN, the migrations make them
@Index('meeting_minutes_search_en', { synchronize: false })
@Index('meeting_minutes_search_fr', { synchronize: false })
export class MeetingMinutes {
  @PrimaryColumn('uuid')
  meetingId: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column(() => BilingualText)
  text: BilingualText;

  @Column({ type: 'varchar', length: 2 })
  sourceLang: Locale;

  @Column({ type: 'varchar', length: 20 })
  status: MinutesStatus;

  @Column({ type: 'boolean', default: false })
  translationToFollow: boolean;

  /** the number of the current revision */
  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'timestamptz', nullable: true })
  circulatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  adoptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  adoptedAtMeetingId: string | null;

  /** the decision of the adopting meeting that records the adoption */
  @Column({ type: 'uuid', nullable: true })
  adoptionDecisionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** what the search matches and ranks, kept by a trigger from the texts */
  @Column(() => SearchVectors)
  search?: SearchVectors;
}

/** One saved text of the minutes, never changed once written. */
@Entity('meeting_minutes_revision')
@Unique('meeting_minutes_revision_number', ['meetingId', 'number'])
export class MeetingMinutesRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'int' })
  number: number;

  @Column(() => BilingualText)
  text: BilingualText;

  @Column({ type: 'varchar', length: 2 })
  sourceLang: Locale;

  /** the minutes' status when this text was saved */
  @Column({ type: 'varchar', length: 20 })
  status: MinutesStatus;

  @Column({ type: 'uuid', nullable: true })
  authorUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A member government's comment on circulated minutes, kept with the revision it was made on. */
@Entity('meeting_minutes_comment')
@Index('meeting_minutes_comment_meeting', ['meetingId', 'createdAt'])
export class MeetingMinutesComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'uuid', nullable: true })
  governmentId: string | null;

  @Column({ type: 'uuid' })
  userId: string;

  @Column(() => BilingualText)
  comment: BilingualText;

  @Column({ type: 'varchar', length: 2 })
  sourceLang: Locale;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
