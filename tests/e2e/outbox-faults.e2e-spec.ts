import type { NotificationIntent } from '@forum/contracts';
import { Factories, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { forkWorkerProcess } from '../support/test-notifications';
import { startThrowawayRedis, ThrowawayRedis } from '../support/test-redis';
import { startTestSmtp, TestSmtp } from '../support/test-smtp';
import { waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(90_000));

async function notify(t: TestApp, key: string, governmentId: string) {
  const intent: NotificationIntent = {
    category: 'meetings',
    key,
    recipients: { governmentIds: [governmentId] },
    subject: { en: `Meeting cancelled ${key}`, fr: `Réunion annulée ${key}` },
    body: { en: 'Cancelled.', fr: 'Annulée.' },
  };
  await t.dataSource.query(`INSERT INTO outbox_event (name, payload, audience, notify) VALUES ('meeting.cancelled', '{}', '{"kind":"none"}', $1)`, [
    JSON.stringify([intent]),
  ]);
  await t.dataSource.query(`SELECT pg_notify('forum_outbox', '')`);
}

describe('faults: Redis stopped', () => {
  let redis: ThrowawayRedis;
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let official: TestOfficial;
  let f: Factories;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    smtp = await startTestSmtp();
    t = await startTestApp({ env: { REDIS_URL: redis.url } });
    worker = await startTestWorker(t, { smtpUrl: smtp.url, redisUrl: redis.url });
    f = new Factories(t);
    official = await f.official((await f.government()).id);
  });
  afterAll(async () => {
    await redis?.start().catch(() => undefined);
    try {
      await worker?.close();
      await t?.close();
      await smtp?.close();
    } finally {
      await redis?.stop();
    }
  });

  it('writes still succeed while Redis is down and every notification is delivered exactly once when it is back', async () => {
    const { body } = await f.bodyWith({ member: { role: 'member' } });
    await redis.stop();

    const government = await f.government();
    const added = await t.http.post(`/api/v1/bodies/${body.id}/members`, { governmentId: government.id, role: 'member' }, t.adminToken);
    expect(added.status).toBe(201);
    await notify(t, 'during-outage', official.governmentId);
    await waitUntil(
      async () => (await t.dataSource.query(`SELECT 1 FROM outbox_event WHERE relayed_at IS NULL AND attempts > 0 AND last_error IS NOT NULL`)).length > 0,
      15_000,
      'a failed relay attempt recorded on the outbox row',
    );
    expect(smtp.messages).toEqual([]);

    await redis.start();
    await waitUntil(() => smtp.messages.length > 0, 30_000, 'the email once Redis is back');
    await waitUntil(async () => (await t.dataSource.query(`SELECT 1 FROM outbox_event WHERE relayed_at IS NULL`)).length === 0, 15_000, 'every event relayed');
    await worker.settled();
    expect(smtp.messages.filter((m) => m.to.includes(official.email))).toHaveLength(1);
    const rows = await t.dataSource.query(`SELECT emailed_at FROM notification WHERE user_id = $1 AND key = 'during-outage'`, [official.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].emailed_at).not.toBeNull();
  });
});

describe('faults: the worker killed during a job', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let f: Factories;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('retries the job on another worker and the email reaches the SMTP server exactly once', async () => {
    const official = await f.official((await f.government()).id);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inFlight = false;
    // The first delivery attempt hangs inside the SMTP conversation, where the worker gets killed.
    smtp.onMessage = async () => {
      if (inFlight) return;
      inFlight = true;
      await held;
      throw new Error('the sending worker is gone');
    };

    const child = await forkWorkerProcess(t, smtp.url);
    let second: TestWorker | null = null;
    try {
      await notify(t, 'killed-mid-job', official.governmentId);
      await waitUntil(() => inFlight, 20_000, 'the email job in the SMTP conversation');
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      release();
      expect(smtp.messages).toEqual([]);

      second = await startTestWorker(t, { smtpUrl: smtp.url, tuning: { lockDurationMs: 2000, stalledIntervalMs: 1000 } });
      await waitUntil(() => smtp.messages.length > 0, 20_000, 'the retried email');
      await second.settled();
      expect(smtp.messages.filter((m) => m.to.includes(official.email))).toHaveLength(1);
      const [row] = await t.dataSource.query(`SELECT emailed_at FROM notification WHERE user_id = $1 AND key = 'killed-mid-job'`, [official.id]);
      expect(row.emailed_at).not.toBeNull();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      release();
      await second?.close();
    }
  });
});

describe('faults: a Redis that may evict keys', () => {
  it('makes the worker refuse to start, saying why', async () => {
    const redis = await startThrowawayRedis();
    const t = await startTestApp({ env: { REDIS_URL: redis.url } });
    const Redis = (await import('ioredis')).default;
    const admin = new Redis(redis.url);
    try {
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      await expect(startTestWorker(t, { redisUrl: redis.url })).rejects.toThrow(/maxmemory-policy "allkeys-lru".*noeviction/);
    } finally {
      admin.disconnect();
      await t.close().finally(() => redis.stop());
    }
  });
});
