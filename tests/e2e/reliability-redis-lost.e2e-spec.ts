import Redis from 'ioredis';
import { Queue } from 'bullmq';
import type { NotificationIntent } from '@forum/contracts';
import { QUEUES } from '@forum/contracts';
import { Factories, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startThrowawayRedis, ThrowawayRedis } from '../support/test-redis';
import { startTestSmtp, TestSmtp } from '../support/test-smtp';
import { waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(120_000));

async function notify(t: TestApp, key: string, governmentId: string) {
  const intent: NotificationIntent = {
    category: 'meetings',
    key,
    recipients: { governmentIds: [governmentId] },
    subject: { en: `Meeting moved ${key}`, fr: `Réunion déplacée ${key}` },
    body: { en: 'Moved.', fr: 'Déplacée.' },
  };
  await t.dataSource.query(`INSERT INTO outbox_event (name, payload, audience, notify) VALUES ('meeting.updated', '{}', '{"kind":"none"}', $1)`, [
    JSON.stringify([intent]),
  ]);
  await t.dataSource.query(`SELECT pg_notify('forum_outbox', '')`);
}

/**
 * Postgres is the source of truth for every delivery: a Redis emptied mid-stream (what a Redis without
 * persistence does when it restarts) loses no notification and no email, repeats none, and the
 * repeatable jobs come back.
 */
describe('reliability: Redis emptied mid-stream', () => {
  let redis: ThrowawayRedis;
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let officials: TestOfficial[];
  let governmentId: string;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    smtp = await startTestSmtp();
    t = await startTestApp({ env: { REDIS_URL: redis.url, DELIVERY_SWEEP_MS: '300', DELIVERY_GRACE_MS: '500' } });
    worker = await startTestWorker(t, { smtpUrl: smtp.url, redisUrl: redis.url });
    const f = new Factories(t);
    governmentId = (await f.government()).id;
    officials = [];
    for (let i = 0; i < 3; i++) officials.push(await f.official(governmentId));
  });
  afterAll(async () => {
    try {
      await worker?.close();
      await t?.close();
      await smtp?.close();
    } finally {
      await redis?.stop();
    }
  });

  it('delivers every notification and email exactly once after FLUSHALL, and the repeatable jobs are back', async () => {
    const schedulers = async () => {
      const ids: string[] = [];
      for (const name of [QUEUES.email, QUEUES.deadlines]) {
        const queue = new Queue(name, { connection: { url: redis.url } as never, prefix: t.config.redisPrefix });
        try {
          ids.push(...(await queue.getJobSchedulers()).map((s) => s.key));
        } finally {
          await queue.close();
        }
      }
      return ids.sort();
    };
    await waitUntil(async () => (await schedulers()).length === 2, 10_000, 'the digest and deadline-scan schedulers');
    const before = await schedulers();

    // The SMTP server holds every message until the gate opens: email jobs pile up in Redis.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    smtp.onMessage = () => gate;

    const events = 20;
    for (let i = 0; i < events / 2; i++) await notify(t, `before-${i}`, governmentId);
    await waitUntil(async () => (await t.dataSource.query(`SELECT 1 FROM delivery WHERE queue = 'email'`)).length >= 9, 20_000, 'email deliveries recorded');

    const admin = new Redis(redis.url);
    try {
      await admin.flushall();
    } finally {
      admin.disconnect();
    }
    for (let i = 0; i < events / 2; i++) await notify(t, `after-${i}`, governmentId);
    open();

    const expected = events * officials.length;
    await waitUntil(() => new Set(smtp.messages.map((m) => m.messageId)).size >= expected, 60_000, `${expected} distinct emails`);
    await waitUntil(async () => (await t.dataSource.query(`SELECT 1 FROM delivery WHERE status <> 'sent'`)).length === 0, 20_000, 'every delivery marked sent');
    await worker.settled();
    const ids = smtp.messages.map((m) => m.messageId);
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    const notifications = await t.dataSource.query(`SELECT user_id, key, emailed_at FROM notification WHERE user_id = ANY($1::uuid[])`, [
      officials.map((o) => o.id),
    ]);
    expect(notifications).toHaveLength(expected);
    expect(notifications.every((n: any) => n.emailed_at !== null)).toBe(true);
    expect(await schedulers()).toEqual(before);
  });
});
