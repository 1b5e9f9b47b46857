import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationCategory } from '@forum/contracts';
import type { EmailDelivery } from './delivery.rule';

/**
 * One thing one person was told, in the language they read. (user, key) is unique so a
 * notifications job that is retried, or an outbox event relayed twice, tells them once.
 */
@Entity('notification')
@Index('notification_once_per_key', ['userId', 'key'], { unique: true })
@Index('notification_inbox_idx', ['userId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'varchar', length: 20 })
  category: NotificationCategory;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  link: string | null;

  /** how its email goes, decided from the recipient's preference when it was created */
  @Column({ type: 'varchar', length: 12 })
  emailDelivery: EmailDelivery;

  /** set once the email (immediate or digest) is accepted by SMTP: a retried job sends nothing twice */
  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;

  /** the one email job allowed to send it (its batch, or the job a failing recipient was handed to) */
  @Column({ type: 'varchar', length: 200, nullable: true })
  emailJobId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
