import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { QUEUES } from '@forum/contracts';
import type { ForumConfig } from '@forum/core';
import { DeliverySweep } from '../../apps/worker/src/outbox/delivery-sweep.service';
import { OutboxRelay } from '../../apps/worker/src/outbox/outbox-relay.service';
import type { WorkerTuning } from '../../apps/worker/src/queue-workers.service';
import { createWorker } from '../../apps/worker/src/worker';
import { TEST_REDIS_URL } from './test-env';
import { waitFor } from './timeouts';

export interface TestWorker {
  app: INestApplicationContext;
  config: ForumConfig;
  /** relays whatever is pending now and resolves when done (the LISTEN/poll would do it anyway) */
  relayNow(): Promise<void>;
  /** one delivery sweep now (re-adds the jobs Redis lost, upserts the repeatable jobs) */
  sweepNow(): Promise<{ readded: number; sent: number; failed: number }>;
  /**
   * Resolves once nothing is left to do: every outbox event relayed and no queue holding a job that is
   * waiting or running, twice in a row (a finishing job may add the next). The way to show that something
   * did NOT happen (no second email) without waiting a fixed time.
   */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * BullMQ needs a Redis that never evicts keys, and the worker refuses to start otherwise. The tests never
 * reconfigure a Redis they did not start (it may be shared): `npm test` uses the local one only when it
 * already has noeviction, and starts a redis-server of its own otherwise. Here they check and say.
 */
export async function ensureNoEviction(redisUrl = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy !== 'noeviction') {
      throw new Error(
        `The test Redis at ${new URL(redisUrl).host} has maxmemory-policy "${policy}": run the tests through npm test (it starts a Redis of its own) or point TEST_REDIS_URL at a Redis with noeviction.`,
      );
    }
  } finally {
    redis.disconnect();
  }
}

/** Starts the real worker in this process, over the same database and Redis prefix as the given app. */
export async function startTestWorker(
  t: { config: ForumConfig },
  options: { smtpUrl?: string | null; redisUrl?: string; tuning?: WorkerTuning } = {},
): Promise<TestWorker> {
  const config: ForumConfig = {
    ...t.config,
    smtpUrl: options.smtpUrl ?? null,
    redisUrl: options.redisUrl ?? t.config.redisUrl,
    outboxPollMs: 200,
  };
  if (!options.redisUrl) await ensureNoEviction();
  const app = await createWorker(config, { handleSignals: false, ...options.tuning });
  const relay = app.get(OutboxRelay);
  return {
    app,
    config,
    relayNow: () => relay.drain(),
    sweepNow: () => app.get(DeliverySweep).sweep(),
    settled: () => settled(app, () => relay.drain()),
    close: () => app.close(),
  };
}

async function settled(app: INestApplicationContext, relay: () => Promise<void>): Promise<void> {
  const dataSource = app.get(DataSource);
  const queues = Object.values(QUEUES).map((name) => app.get<Queue>(getQueueToken(name), { strict: false }));
  const idle = async () => {
    const [{ pending }] = await dataSource.query(`SELECT count(*)::int AS pending FROM outbox_event WHERE relayed_at IS NULL`);
    if (pending > 0) return false;
    for (const queue of queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
      if (Object.values(counts).some((n) => n > 0)) return false;
    }
    return true;
  };
  let quietChecks = 0;
  await waitFor('the outbox and every queue to be idle', async () => {
    await relay();
    quietChecks = (await idle()) ? quietChecks + 1 : 0;
    return quietChecks >= 2;
  });
}
