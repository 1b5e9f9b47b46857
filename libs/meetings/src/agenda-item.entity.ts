import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { AGENDA_PURPOSES, type AgendaPurpose } from '@forum/contracts';
import { BilingualText, SearchVectors } from '@forum/core';
import type { Locale } from '@forum/contracts';

export { AGENDA_PURPOSES, type AgendaPurpose };

/**
 * One item of a meeting's agenda. Positions are 1..n; the unique constraint is checked at commit
 * so a reorder can pass through intermediate states, and never lets a duplicate survive.
 */
@Entity('agenda_item')
// the search's GIN indexes (on search_en, search_fr): TypeORM has no GIN, the migrations make them
@Index('agenda_item_search_en', { synchronize: false })
@Index('agenda_item_search_fr', { synchronize: false })
@Unique('agenda_item_position_once', ['meetingId', 'position'], { deferrable: 'INITIALLY DEFERRED' })
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'int' })
  position: number;

  @Column(() => BilingualText)
  title: BilingualText;

  /** the language the record's texts were first written in */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  sourceLang: Locale;

  @Column({ type: 'varchar', length: 20 })
  purpose: AgendaPurpose;

  @Column({ type: 'int' })
  durationMinutes: number;

  @Column({ type: 'uuid', nullable: true })
  presenterGovernmentId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** what the search matches and ranks, kept by a trigger from the texts */
  @Column(() => SearchVectors)
  search?: SearchVectors;
}
