/**
 * `npm run bench -- --faults`: the fault table (fault, writes, lost, duplicated, healed in s), quick.
 *
 * Each fault runs against a fresh database, a redis-server of its own and a counting SMTP server, with
 * the real worker in this process (short retry timings, as the tests configure them). Writes are outbox
 * events each notifying the officials of one government (an in-app notification and an email apiece);
 * every email carries a stable Message-ID, so lost = expected − distinct received and duplicated =
 * received − distinct. Healed: seconds from the end of the fault until the last email arrived.
 */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { loadConfig, migrateDatabase } from '@forum/core';
import { createWorker } from '../apps/worker/src/worker';
import { startThrowawayRedis } from '../tests/support/test-redis';
import { startTestSmtp, TestSmtp } from '../tests/support/test-smtp';
import { createBenchDatabase } from './bench-database';

export interface FaultRow {
  fault: string;
  writes: number;
  lost: number;
  duplicated: number;
  healedSeconds: number | null;
}

const OFFICIALS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Scenario {
  name: string;
  /** runs the fault while `write(n)` keeps writing; resolves when the fault is over */
  fault(ctx: { redis: { url: string; stop(): Promise<void>; start(): Promise<void> }; smtp: TestSmtp; write: (n: number) => Promise<void> }): Promise<void>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'Redis emptied (FLUSHALL) mid-stream',
    async fault({ redis, smtp, write }) {
      // A slow server (100 ms a message, under the socket timeout) keeps email jobs waiting in Redis.
      smtp.onMessage = async () => {
        await sleep(100);
      };
      await write(20);
      await sleep(300);
      const admin = new Redis(redis.url);
      await admin.flushall();
      admin.disconnect();
      await write(20);
      smtp.onMessage = undefined;
    },
  },
  {
    name: 'Redis stopped 3 s',
    async fault({ redis, write }) {
      await write(10);
      await redis.stop();
      await write(20);
      await sleep(3000);
      await redis.start();
      await write(10);
    },
  },
  {
    name: 'SMTP hangs 3 s, then refuses 5 s',
    async fault({ smtp, write }) {
      const hung: (() => void)[] = [];
      smtp.onMessage = () => new Promise<void>((_, reject) => hung.push(() => reject(new Error('gave up'))));
      await write(20);
      await sleep(3000);
      smtp.onMessage = () => {
        throw Object.assign(new Error('try later'), { responseCode: 451 });
      };
      await write(20);
      await sleep(5000);
      smtp.onMessage = undefined;
      hung.forEach((reject) => reject());
    },
  },
];

async function runScenario(adminUrl: string, scenario: Scenario, say: (m: string) => void): Promise<FaultRow> {
  const database = await createBenchDatabase(adminUrl);
  const redis = await startThrowawayRedis();
  const smtp = await startTestSmtp();
  const pg = new Client({ connectionString: database.url });
  let worker: Awaited<ReturnType<typeof createWorker>> | null = null;
  try {
    await migrateDatabase(database.url);
    await pg.connect();
    const [{ id: governmentId }] = (
      await pg.query(
        `INSERT INTO government (code, name_en, name_fr, level, time_zone, precedence) VALUES ('FLT', 'Fault', 'Panne', 'provincial', 'America/Toronto', 99) RETURNING id`,
      )
    ).rows;
    for (let i = 0; i < OFFICIALS; i++) {
      await pg.query(`INSERT INTO user_account (email, display_name, role, government_id) VALUES ($1, $2, 'official', $3)`, [
        `official${i}@fault.test`,
        `Official ${i}`,
        governmentId,
      ]);
    }
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(24).toString('hex'),
      FORUM_SECRETS_KEY: randomBytes(32).toString('hex'),
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'fault',
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'error',
      OUTBOX_POLL_MS: '200',
      SMTP_CONNECTION_TIMEOUT_MS: '1000',
      SMTP_GREETING_TIMEOUT_MS: '1000',
      SMTP_SOCKET_TIMEOUT_MS: '1000',
      EMAIL_BACKOFF_MS: '100',
      EMAIL_BACKOFF_MAX_MS: '1000',
      EMAIL_ATTEMPTS: '200',
      DELIVERY_SWEEP_MS: '500',
      DELIVERY_GRACE_MS: '1000',
    });
    worker = await createWorker(config, { handleSignals: false });
    let events = 0;
    const write = async (n: number) => {
      for (let i = 0; i < n; i++, events++) {
        const intent = {
          category: 'meetings',
          key: `fault-${events}`,
          recipients: { governmentIds: [governmentId] },
          subject: { en: 'x', fr: 'x' },
          body: { en: 'x', fr: 'x' },
        };
        await pg.query(`INSERT INTO outbox_event (name, payload, audience, notify) VALUES ('meeting.updated', '{}', '{"kind":"none"}', $1)`, [
          JSON.stringify([intent]),
        ]);
        await pg.query(`SELECT pg_notify('forum_outbox', '')`);
      }
    };
    say(`faults: ${scenario.name}`);
    await scenario.fault({ redis, smtp, write });
    const over = performance.now();
    const expected = events * OFFICIALS;
    const deadline = Date.now() + 60_000;
    while (new Set(smtp.messages.map((m) => m.messageId)).size < expected && Date.now() < deadline) await sleep(100);
    const distinct = new Set(smtp.messages.map((m) => m.messageId)).size;
    const healed = distinct >= expected ? (performance.now() - over) / 1000 : null;
    await sleep(1500); // late duplicates, if any, arrive now
    const received = smtp.messages.length;
    return {
      fault: scenario.name,
      writes: expected,
      lost: expected - distinct,
      duplicated: received - new Set(smtp.messages.map((m) => m.messageId)).size,
      healedSeconds: healed === null ? null : Math.round(healed * 10) / 10,
    };
  } finally {
    await worker?.close().catch(() => undefined);
    await pg.end().catch(() => undefined);
    await smtp.close().catch(() => undefined);
    await redis.stop();
    await database.drop();
  }
}

export async function faultTable(adminUrl: string, say: (m: string) => void): Promise<FaultRow[]> {
  const rows: FaultRow[] = [];
  for (const scenario of SCENARIOS) rows.push(await runScenario(adminUrl, scenario, say));
  return rows;
}

export function renderFaults(rows: FaultRow[]): string {
  const head = ['fault', 'writes (emails)', 'lost', 'duplicated', 'healed in s'];
  const body = rows.map((r) => [
    r.fault,
    String(r.writes),
    String(r.lost),
    String(r.duplicated),
    r.healedSeconds === null ? 'not healed in 60 s' : String(r.healedSeconds),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line)].join('\n');
}

if (require.main === module) {
  faultTable(process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', (m) => console.log(`[bench] ${m}`)).then(
    (rows) => {
      console.log(renderFaults(rows));
      process.exit(0);
    },
    (error: unknown) => {
      console.error('[bench] faults failed:', error);
      process.exit(1);
    },
  );
}
