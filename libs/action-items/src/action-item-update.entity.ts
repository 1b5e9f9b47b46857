import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BilingualText } from '@forum/core';
import type { Locale } from '@forum/contracts';

import type { ActionItemUpdateKind, FieldChange } from '@forum/contracts';

export type { ActionItemUpdateKind, FieldChange };

/** One kept step of an item's history: a progress report or a change, with who made it; never edited, never deleted. */
@Entity('action_item_update')
@Index(['actionItemId', 'createdAt'])
export class ActionItemUpdate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  actionItemId: string;

  @Column({ type: 'varchar', length: 10 })
  kind: ActionItemUpdateKind;

  @Column({ type: 'uuid', nullable: true })
  authorUserId: string | null;

  /** the government the author acted for (null for the secretariat and the system) */
  @Column({ type: 'uuid', nullable: true })
  authorGovernmentId: string | null;

  @Column(() => BilingualText)
  note: BilingualText;

  /** the language the record's texts were first written in */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  sourceLang: Locale;

  /** progress and status after this update, when it set them */
  @Column({ type: 'smallint', nullable: true })
  progress: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  status: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Record<string, FieldChange>;

  /** the item's version once this update applied */
  @Column({ type: 'int' })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
