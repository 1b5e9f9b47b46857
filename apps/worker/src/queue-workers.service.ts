import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue, Worker } from 'bullmq';
import { cappedBackoff, DeliveryLedger, FORUM_CONFIG, ForumConfig, logQueueErrors, redisConnectionOptions } from '@forum/core';
import { QUEUES } from '@forum/contracts';
import { WebhookDeliverer } from '@forum/identity';
import { EmailHandler, NotificationFanout, NOTIFY_JOB, type NotifyJob } from '@forum/notifications';

/** Lock and stall timings; production keeps BullMQ's defaults, tests shorten them to see a killed worker's job retried. */
export interface WorkerTuning {
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  concurrency?: number;
}
export const WORKER_TUNING = Symbol('WORKER_TUNING');

/**
 * The BullMQ workers of this process. Closing waits for the jobs in hand, so SIGTERM leaves none stalled;
 * a job that fails is retried with the queue's exponential backoff and, once out of attempts, kept.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QueueWorkers');
  private readonly workers: Worker[] = [];

  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    @Inject(WORKER_TUNING) private readonly tuning: WorkerTuning,
    private readonly fanout: NotificationFanout,
    private readonly email: EmailHandler,
    private readonly moduleRef: ModuleRef,
    private readonly ledger: DeliveryLedger,
    private readonly webhooks: WebhookDeliverer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.start(QUEUES.notifications, 10, async (job) => {
      if (job.name !== NOTIFY_JOB) throw new Error(`The notifications queue has no job named ${job.name}`);
      return this.fanout.handle(job.data as NotifyJob);
    });
    // Sending is waiting on the SMTP server, not computing: many at once, over the mailer's pooled connections.
    this.start(QUEUES.email, this.config.email.concurrency, (job) => this.email.handle(job.name, job.data, job.id ?? ''));
    // Deliveries wait on other systems' servers: several at once.
    this.start(QUEUES.webhooks, 10, (job) => this.webhooks.handle(job));
    const queues = Object.values(QUEUES).map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    logQueueErrors([...queues, ...this.workers], this.logger);
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    await this.email.scheduleDigest();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }

  private start(queue: string, concurrency: number, process: (job: Job) => Promise<unknown>): void {
    const run = async (job: Job) => {
      const result = await process(job);
      // Postgres learns the delivery happened; should this write fail, the sweep finds the job completed in Redis.
      if (job.id)
        await this.ledger.sent(queue, job.id).catch((error: Error) => this.logger.warn(`delivery ${queue}/${job.id} not marked sent yet: ${error.message}`));
      return result;
    };
    const worker = new Worker(queue, run, {
      settings: { backoffStrategy: cappedBackoff(this.config) },
      connection: redisConnectionOptions(this.config.redisUrl),
      prefix: this.config.redisPrefix,
      concurrency: this.tuning.concurrency ?? concurrency,
      ...(this.tuning.lockDurationMs && { lockDuration: this.tuning.lockDurationMs }),
      ...(this.tuning.stalledIntervalMs && { stalledInterval: this.tuning.stalledIntervalMs }),
    });
    worker.on('failed', (job, error) => {
      this.logger.warn(`${queue} job ${job?.id} failed (attempt ${job?.attemptsMade}/${job?.opts.attempts}): ${error.message}`);
      // Out of attempts: the delivery is a dead letter (GET /deliveries?status=failed, retried from there or Bull Board).
      // DeliveryInProgress: another attempt holds the delivery, whose record is that attempt's to keep.
      if (job?.id && error.name !== 'DeliveryInProgress') {
        const final = job.attemptsMade >= (job.opts.attempts ?? 1);
        void this.ledger.attemptFailed(queue, job.id, error.message, final).catch(() => undefined);
      }
    });
    this.workers.push(worker);
  }
}
