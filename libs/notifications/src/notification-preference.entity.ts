import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationCategory } from '@forum/contracts';
import type { EmailDelivery } from './delivery.rule';

/** A person's choice for one category; no row means the default (immediately). */
@Entity('notification_preference')
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  category: NotificationCategory;

  @Column({ type: 'varchar', length: 12 })
  delivery: EmailDelivery;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
