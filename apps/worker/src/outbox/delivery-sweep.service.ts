import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DeliveryLedger, DeliveryRow, FORUM_CONFIG, ForumConfig, JobSchedules, REDIS, SENDING_REFRESH_MS } from '@forum/core';
import { QUEUES } from '@forum/contracts';

export const SWEEP_BATCH = 500;

/**
 * Postgres is the source of truth for every delivery; this makes Redis agree with it. Each sweep (a timer
 * of the process, not a Redis job, so an empty Redis cannot take it away) upserts the repeatable jobs and
 * looks up the job of every delivery still open after the grace period: missing (Redis lost it) → added
 * again under the same id; completed → marked sent; failed for good → marked failed. Handlers are
 * idempotent, so a job added twice does its work once.
 */
@Injectable()
export class DeliverySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeliverySweep');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  private readonly onReady = () => void this.schedules.upsertAll();

  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly ledger: DeliveryLedger,
    private readonly schedules: JobSchedules,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    // Every reconnect to Redis (a restart, perhaps empty) puts the repeatable jobs back at once.
    this.redis.on('ready', this.onReady);
    this.timer = setInterval(() => this.wake(), this.config.delivery.sweepMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
    await this.running?.catch(() => undefined);
  }

  wake(): void {
    if (this.stopped || this.running) return;
    this.running = this.sweep()
      .catch((error: Error) => this.logger.warn(`delivery sweep failed, again at the next one: ${error.message}`))
      .finally(() => (this.running = null));
  }

  /** One pass; resolves with what it did (tests call it). */
  async sweep(): Promise<{ readded: number; sent: number; failed: number }> {
    await this.schedules.upsertAll();
    // an attempt in progress ends within its connection and socket timeouts (emails are the slowest to give up)
    // of the last "sending" record it refreshed (a batch refreshes it every SENDING_REFRESH_MS while it runs)
    const liveAttemptMs = this.config.email.connectionTimeoutMs + this.config.email.socketTimeoutMs + SENDING_REFRESH_MS;
    const rows = await this.ledger.open(this.config.delivery.graceMs, SWEEP_BATCH, liveAttemptMs);
    const readded: string[] = [];
    const sent: string[] = [];
    const failed: DeliveryRow[] = [];
    const seen: string[] = [];
    await Promise.all(
      rows.map(async (row) => {
        const queue = this.queue(row.queue);
        if (!queue) {
          seen.push(row.id); // a queue this process does not know: leave it, but not at the head of every sweep
          return;
        }
        const job = await queue.getJob(row.jobId);
        if (!job) {
          const delay = row.runAt ? Math.max(0, new Date(row.runAt).getTime() - Date.now()) : 0;
          await queue.add(row.name, row.data, { jobId: row.jobId, ...(delay > 0 && { delay }) });
          readded.push(row.id);
          return;
        }
        const state = await job.getState();
        if (state === 'completed') sent.push(row.id);
        else if (state === 'failed' && job.attemptsMade >= (job.opts.attempts ?? 1)) failed.push({ ...row, lastError: job.failedReason ?? row.lastError });
        else seen.push(row.id);
      }),
    );
    await this.ledger.markSent(sent);
    for (const row of failed) await this.ledger.markFailed([row.id], row.lastError ?? 'out of attempts');
    await this.ledger.touched([...readded, ...seen]);
    if (readded.length) this.logger.warn(`re-added ${readded.length} job(s) Redis no longer had`);
    return { readded: readded.length, sent: sent.length, failed: failed.length };
  }

  private queue(name: string): Queue | null {
    if (!(Object.values(QUEUES) as string[]).includes(name)) return null;
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}
