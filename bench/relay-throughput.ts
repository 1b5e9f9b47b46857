/**
 * `npm run bench -- --relay`: outbox relay throughput (events/s), quick (well under a minute).
 *
 * Writes EVENTS committed outbox events into a fresh database (each becomes a realtime job, every fourth
 * also a notification fan-out job with its delivery row), then starts the real worker (its relays share
 * the outbox through SKIP LOCKED, claim 500 rows a batch and add each batch with one addBulk per queue)
 * and times until every row is relayed. Baseline, in the same run: the same jobs added by a bare BullMQ
 * client with addBulk in batches of 100 (Redis alone), no Postgres at all. Duplicates are checked: every job id once.
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QUEUES } from '@forum/contracts';
import { DEFAULT_JOB_OPTIONS, loadConfig, migrateDatabase, redisConnectionOptions } from '@forum/core';
import { createWorker } from '../apps/worker/src/worker';
import { createBenchDatabase } from './bench-database';
import { clearRedis } from './product-stack';
import { renderTable, Row } from './report-table';

export async function relayBench(adminUrl: string, redisUrl: string, events: number, say: (m: string) => void): Promise<Row[]> {
  const database = await createBenchDatabase(adminUrl);
  const prefix = `forum-bench-relay-${randomBytes(4).toString('hex')}`;
  const rows: Row[] = [];
  try {
    await migrateDatabase(database.url);
    const pg = new Client({ connectionString: database.url });
    await pg.connect();
    try {
      await pg.query(
        `INSERT INTO outbox_event (name, payload, audience, notify)
         SELECT 'action-item.updated', jsonb_build_object('id', gen_random_uuid(), 'n', g), jsonb_build_object('kind', 'body', 'bodyId', gen_random_uuid()),
                CASE WHEN g % 4 = 0 THEN jsonb_build_array(jsonb_build_object('category', 'action-items', 'key', 'bench-' || g, 'recipients', '{}'::jsonb,
                  'subject', jsonb_build_object('en', 'x', 'fr', 'x'), 'body', jsonb_build_object('en', 'x', 'fr', 'x'))) END
           FROM generate_series(1, $1) g`,
        [events],
      );
      const config = {
        ...loadConfig({
          NODE_ENV: 'production',
          JWT_SECRET: randomBytes(24).toString('hex'),
          FORUM_SECRETS_KEY: randomBytes(32).toString('hex'),
          DATABASE_URL: database.url,
          REDIS_URL: redisUrl,
          REDIS_PREFIX: prefix,
          LOG_LEVEL: 'warn',
        }),
      };
      say(`relay: ${events} outbox events, worker with ${config.outboxRelays} relays`);
      const started = performance.now();
      const worker = await createWorker(config, { handleSignals: false });
      let relayedAt = 0;
      try {
        for (;;) {
          const [{ n }] = (await pg.query(`SELECT COUNT(*)::int AS n FROM outbox_event WHERE relayed_at IS NULL`)).rows;
          if (n === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        relayedAt = performance.now();
      } finally {
        await worker.close();
      }
      const seconds = (relayedAt - started) / 1000;
      const product = Math.round(events / seconds);

      const realtime = new Queue(QUEUES.realtime, { connection: redisConnectionOptions(redisUrl), prefix });
      const jobs = await realtime.getJobCountByTypes('waiting', 'active', 'completed', 'failed', 'delayed');
      await realtime.close();

      // Baseline: the same jobs through a bare BullMQ client, addBulk in batches of 100.
      const basePrefix = `${prefix}-bare`;
      const bare = new Queue('bare', { connection: redisConnectionOptions(redisUrl), prefix: basePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      const bareStart = performance.now();
      for (let at = 0; at < events; at += 100) {
        const batch = Array.from({ length: Math.min(100, events - at) }, (_, i) => ({
          name: 'action-item.updated',
          data: { n: at + i },
          opts: { jobId: `evt-${at + i}-realtime` },
        }));
        await bare.addBulk(batch);
      }
      const bareRate = Math.round(events / ((performance.now() - bareStart) / 1000));
      await bare.close();
      await clearRedis(redisUrl, basePrefix);

      say(
        `relay: ${events} events relayed in ${seconds.toFixed(2)} s (includes the worker's start-up), ${jobs} realtime jobs in Redis (duplicates: ${jobs - events})`,
      );
      rows.push({
        figure: 'outbox relay (events/s)',
        value: `${product} events/s`,
        baseline: `${bareRate} jobs/s (bare addBulk)`,
        ratio: (product / bareRate).toFixed(2),
        target: '>= 1000 events/s, 0 duplicates',
        verdict: product >= 1000 && jobs === events ? 'met' : 'MISSED',
      });
    } finally {
      await pg.end();
    }
  } finally {
    await clearRedis(redisUrl, prefix).catch(() => undefined);
    await database.drop();
  }
  return rows;
}

if (require.main === module) {
  const events = Number(process.env.RELAY_EVENTS ?? 20000);
  relayBench(
    process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    events,
    (m) => console.log(`[bench] ${m}`),
  ).then(
    (rows) => {
      console.log(renderTable(rows));
      process.exit(0);
    },
    (error: unknown) => {
      console.error('[bench] relay failed:', error);
      process.exit(1);
    },
  );
}
