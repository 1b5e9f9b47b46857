import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * Postgres's record of one queue job (a notification fan-out, an email, an embargo…), written in the
 * transaction that decided the job, so an empty Redis loses nothing: the sweep re-adds a pending
 * delivery whose job is gone. pending → sending (emails: before SMTP) → sent, or failed once out of attempts.
 */
@Entity('delivery')
@Index('delivery_queue_job_uq', ['queue', 'jobId'], { unique: true })
@Index('delivery_open_idx', ['updatedAt'], { where: `status IN ('pending', 'sending')` })
@Index('delivery_failed_idx', ['updatedAt'], { where: `status = 'failed'` })
export class Delivery {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 80 })
  queue: string;

  @Column({ type: 'varchar', length: 300 })
  jobId: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  /** when a delayed job (an embargo) is due; null means now */
  @Column({ type: 'timestamptz', nullable: true })
  runAt: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** the stable Message-ID of an email, recorded with "sending" before SMTP */
  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
