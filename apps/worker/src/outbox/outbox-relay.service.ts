import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_JOB_OPTIONS, DeliveryLedger, FORUM_CONFIG, ForumConfig, OUTBOX_CHANNEL, redisConnectionOptions } from '@forum/core';
import { QUEUES, type EventAudience, type JobIntent, type NotificationIntent } from '@forum/contracts';
import { relayPlan, RelayStep } from './relay-plan';

export const RELAY_BATCH = 500;
/** A Redis that does not answer within this is treated as down: the batch is retried at the next poll. */
const ADD_TIMEOUT_MS = 5000;

interface OutboxRow {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  audience: EventAudience;
  notify: NotificationIntent[] | null;
  jobs: JobIntent[] | null;
  context: Record<string, unknown> | null;
  created_at: Date;
}

/**
 * Moves committed outbox events to the queues. LISTEN wakes it at once, the poll catches what a lost
 * notification or a stopped worker left behind. Rows are locked (SKIP LOCKED, so several workers share
 * the work) until their jobs are added and relayed_at is set in the same transaction: a crash before
 * commit leaves them pending, and the deterministic job ids make the second relay add nothing twice.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private listener: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly extraQueues = new Map<string, Queue>();

  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly ledger: DeliveryLedger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.outboxPollMs);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    await Promise.all([...this.extraQueues.values()].map((q) => q.close().catch(() => undefined)));
  }

  /** Runs a relay pass now, or right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Relays until nothing is pending or a batch fails; resolves when this pass is over (tests await it). */
  async drain(): Promise<void> {
    // Several relays at once share the outbox through SKIP LOCKED: each claims a batch nobody else holds.
    await Promise.all(Array.from({ length: this.config.outboxRelays }, () => this.drainOne()));
  }

  private async drainOne(): Promise<void> {
    try {
      while (!this.stopped) {
        const { taken, failed } = await this.relayBatch();
        if (failed || taken < RELAY_BATCH) return;
      }
    } catch (error) {
      this.logger.warn(`Outbox relay pass failed, retrying at the next poll: ${(error as Error).message}`);
    }
  }

  private relayBatch(): Promise<{ taken: number; failed: boolean }> {
    return this.dataSource.transaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id, name, payload, audience, notify, jobs, context, created_at FROM outbox_event
          WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [RELAY_BATCH],
      );
      if (!rows.length) return { taken: 0, failed: false };
      const now = Date.now();
      // one query a batch: events become webhook fan-out jobs only while some subscription exists
      const webhooks = (await em.query(`SELECT EXISTS (SELECT 1 FROM webhook WHERE deleted_at IS NULL) AS any`))[0]?.any === true;
      const plans = rows.map((row) => relayPlan(row, now, { webhooks }));
      // Postgres first: every job but the realtime broadcast gets its delivery row in this transaction,
      // so a Redis that loses the job later still leaves the sweep something to add again.
      await this.ledger.record(
        em,
        plans
          .flat()
          .filter((s) => s.queue !== QUEUES.realtime && (Object.values(QUEUES) as string[]).includes(s.queue))
          .map((s) => ({ queue: s.queue, jobId: s.opts.jobId, name: s.name, data: s.data, runAt: s.opts.delay ? new Date(now + s.opts.delay) : null })),
      );
      let relayed: string[] = [];
      let failed = false;
      try {
        await this.dispatchBulk(plans.flat());
        relayed = rows.map((r) => r.id);
      } catch {
        // One by one, to find the event Redis refuses; stop there so events reach the queues in order.
        for (const [i, row] of rows.entries()) {
          try {
            await this.dispatchBulk(plans[i]);
            relayed.push(row.id);
          } catch (error) {
            failed = true;
            await this.recordFailure(em, row.id, error as Error);
            break;
          }
        }
      }
      if (relayed.length) {
        await em.query(`UPDATE outbox_event SET relayed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`, [relayed]);
      }
      return { taken: rows.length, failed };
    });
  }

  private async recordFailure(em: EntityManager, id: string, error: Error): Promise<void> {
    this.logger.warn(`Outbox event ${id} not relayed yet: ${error.message}`);
    await em.query(`UPDATE outbox_event SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, error.message.slice(0, 2000)]);
  }

  /** One addBulk per queue (a round trip per queue, not per job); the outbox row is marked relayed only after. */
  private async dispatchBulk(steps: RelayStep[]): Promise<void> {
    const byQueue = new Map<string, RelayStep[]>();
    for (const step of steps) byQueue.set(step.queue, [...(byQueue.get(step.queue) ?? []), step]);
    for (const [queue, jobs] of byQueue) {
      await withTimeout(
        this.queue(queue).addBulk(jobs.map((j) => ({ name: j.name, data: j.data, opts: j.opts }))),
        ADD_TIMEOUT_MS,
        `Redis did not accept ${jobs.length} job(s) of ${queue}`,
      );
    }
  }

  private queue(name: string): Queue {
    if ((Object.values(QUEUES) as string[]).includes(name)) return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
    let queue = this.extraQueues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: redisConnectionOptions(this.config.redisUrl),
        prefix: this.config.redisPrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.extraQueues.set(name, queue);
    }
    return queue;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'forum-outbox-listener' });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      // The poll keeps the relay going; LISTEN comes back when Postgres does.
      this.logger.warn(`Outbox LISTEN connection lost: ${error.message}`);
      this.listener = null;
      setTimeout(() => void this.listen().catch(() => undefined), this.config.outboxPollMs).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`Outbox LISTEN unavailable, polling only: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
