import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BilingualText, SearchVectors } from '@forum/core';
import type { Locale } from '@forum/contracts';
import type { MeetingStatus } from './meeting-status.rule';

/** A meeting of one body: its time is stored in UTC and shown in each invited government's zone. */
@Entity('meeting')
// the search's GIN indexes (on search_en, search_fr): TypeORM has no GIN, the migrations make them
@Index('meeting_search_en', { synchronize: false })
@Index('meeting_search_fr', { synchronize: false })
@Index(['bodyId', 'startsAt'])
@Index(['startsAt'])
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column(() => BilingualText)
  title: BilingualText;

  /** the language the record's texts were first written in */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  sourceLang: Locale;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'varchar', length: 500, nullable: true })
  location: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  videoUrl: string | null;

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status: MeetingStatus;

  /** the iCalendar SEQUENCE: bumped whenever time, place or status change, so calendars replace the old copy */
  @Column({ type: 'int', default: 0 })
  sequence: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  rescheduleReason: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  cancellationReason: string | null;

  /** before publication only the secretariat sees the agenda */
  @Column({ type: 'timestamptz', nullable: true })
  agendaPublishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  agendaRevision: number;

  /** the agenda went out before its translation: readers are told, and told again once it arrives */
  @Column({ type: 'boolean', default: false })
  agendaTranslationToFollow: boolean;

  /** set by the first change to a published agenda: the revised-agenda notice for the whole burst goes then */
  @Column({ type: 'timestamptz', nullable: true })
  agendaNoticeDueAt: Date | null;

  /** the scheduling warnings as last computed, with the invitees they were computed for */
  @Column({ type: 'jsonb', nullable: true })
  schedulingWarnings: { invitees: string[]; items: { code: string; message: string; governmentId?: string; userId?: string }[] } | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** what the search matches and ranks, kept by a trigger from the texts */
  @Column(() => SearchVectors)
  search?: SearchVectors;
}
