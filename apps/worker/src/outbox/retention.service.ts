import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FORUM_CONFIG, ForumConfig } from '@forum/core';

const EVERY_MS = 6 * 3600 * 1000;
const BATCH = 5000;

export interface RetentionResult {
  outboxEvents: number;
  readNotifications: number;
  sentDeliveries: number;
}

/**
 * Keeps the tables that only grow in bounds: relayed outbox events, read notifications and sent
 * deliveries older than RETENTION_DAYS (90 by default) are deleted, in small batches so no lock is
 * held long. The audit trail is never touched.
 */
@Injectable()
export class Retention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private wake(): void {
    if (this.running) return;
    this.running = this.run()
      .catch((error: Error) => this.logger.warn(`retention pass failed, again in six hours: ${error.message}`))
      .finally(() => (this.running = null));
  }

  async run(): Promise<RetentionResult> {
    const days = this.config.retentionDays;
    const result = {
      outboxEvents: await this.deleteInBatches(
        `SELECT id FROM outbox_event WHERE relayed_at < now() - make_interval(days => $1) LIMIT ${BATCH}`,
        'outbox_event',
        days,
      ),
      readNotifications: await this.deleteInBatches(
        `SELECT id FROM notification WHERE read_at < now() - make_interval(days => $1) LIMIT ${BATCH}`,
        'notification',
        days,
      ),
      sentDeliveries: await this.deleteInBatches(
        `SELECT id FROM delivery WHERE status = 'sent' AND updated_at < now() - make_interval(days => $1) LIMIT ${BATCH}`,
        'delivery',
        days,
      ),
    };
    if (result.outboxEvents + result.readNotifications + result.sentDeliveries) this.logger.log(`retention (${days} days): ${JSON.stringify(result)}`);
    return result;
  }

  private async deleteInBatches(select: string, table: string, days: number): Promise<number> {
    let total = 0;
    for (;;) {
      const [, affected] = (await this.dataSource.query(`DELETE FROM ${table} WHERE id IN (${select})`, [days])) as [unknown, number];
      total += affected ?? 0;
      if (!affected || affected < BATCH) return total;
    }
  }
}
