import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BilingualText, SearchVectors } from '@forum/core';
import type { Locale } from '@forum/contracts';
import type { ActionItemPriority, ActionItemStatus } from './action-item-status.rule';
import type { CostShare } from './cost-share.rule';

/** Postgres hands bigint back as a string; cents stay exact integers well past 2^31 ($324M is 3.24e10 cents). */
const centsTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};

/** Who (a lead government, supporting governments, named officials) will do what by when, for one body. */
@Entity('action_item')
// the search's GIN indexes (on search_en, search_fr): TypeORM has no GIN, the migrations make them
@Index('action_item_search_en', { synchronize: false })
@Index('action_item_search_fr', { synchronize: false })
@Index(['bodyId', 'dueOn'])
@Index(['leadGovernmentId', 'status'])
@Index('action_item_escalated_to_body_idx', ['escalatedToBodyId'], { where: 'escalated_to_body_id IS NOT NULL' })
export class ActionItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ type: 'uuid', nullable: true })
  decisionId: string | null;

  @Column(() => BilingualText)
  title: BilingualText;

  @Column(() => BilingualText)
  description: BilingualText;

  /** the language the record's texts were first written in */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  sourceLang: Locale;

  @Column({ type: 'uuid' })
  leadGovernmentId: string;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  supportingGovernmentIds: string[];

  /** officials of the lead government answerable for the item; empty means the whole government */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  responsibleUserIds: string[];

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'varchar', length: 20, default: 'not_started' })
  status: ActionItemStatus;

  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ type: 'varchar', length: 10, default: 'normal' })
  priority: ActionItemPriority;

  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  estimatedCostCents: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  actualCostCents: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  fundingSource: string | null;

  /** who bears the cost, in basis points adding up to exactly 10000; empty when no arrangement is agreed yet */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  costShares: CostShare[];

  /** when the item last became done: decides "done on time" against dueOn */
  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** set by the deadline scan once the item is more than 14 days overdue; shown on the parent body */
  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  escalatedToBodyId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  /** guarded by hand: every write says `WHERE id = $1 AND version = $2` and checks the affected rows */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** what the search matches and ranks, kept by a trigger from the texts */
  @Column(() => SearchVectors)
  search?: SearchVectors;
}
