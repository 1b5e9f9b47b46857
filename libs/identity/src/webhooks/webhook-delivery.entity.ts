import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type WebhookDeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed' | 'dead';

/** One event for one subscription: the same id (X-Forum-Delivery) and the same body on every attempt. */
@Entity('webhook_delivery')
@Index(['webhookId', 'outboxEventId'], { unique: true })
export class WebhookDelivery {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  webhookId: string;

  @Column({ type: 'bigint' })
  outboxEventId: string;

  @Column({ type: 'varchar', length: 80 })
  event: string;

  /** the exact JSON body that is signed and sent */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 20 })
  status: WebhookDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempt: number;

  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
