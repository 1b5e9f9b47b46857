import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { DeadlineThreshold } from './deadline.rule';

/**
 * That an item's deadline threshold was notified, for one due date: the scan inserts here first and
 * only notifies when the insert took, so running it twice (or on two workers) notifies once.
 * A new due date starts the thresholds afresh.
 */
@Entity('action_item_deadline_notice')
export class DeadlineNotice {
  @PrimaryColumn({ type: 'uuid' })
  actionItemId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  threshold: DeadlineThreshold;

  @PrimaryColumn({ type: 'date' })
  dueOn: string;

  @CreateDateColumn({ type: 'timestamptz' })
  notifiedAt: Date;
}
