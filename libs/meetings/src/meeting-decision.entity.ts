import { BilingualText, SearchVectors } from '@forum/core';
import type { Locale } from '@forum/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A numbered decision of a meeting (1, 2, … within the meeting). Referring it up sets referredToBodyId;
 * the parent body's own decision on it names it as its origin, so the chain working group → ADM table →
 * DM table can be walked both ways.
 */
@Entity('meeting_decision')
// the search's GIN indexes (on search_en, search_fr): TypeORM has no GIN, the migrations make them
@Index('meeting_decision_search_en', { synchronize: false })
@Index('meeting_decision_search_fr', { synchronize: false })
@Unique('meeting_decision_number_once', ['meetingId', 'number'])
export class MeetingDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Index()
  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @Column(() => BilingualText)
  text: BilingualText;

  @Column({ type: 'varchar', length: 2 })
  sourceLang: Locale;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  originDecisionId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  referredToBodyId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  referredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  referredByUserId: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  referralNote: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** what the search matches and ranks, kept by a trigger from the texts */
  @Column(() => SearchVectors)
  search?: SearchVectors;
}
