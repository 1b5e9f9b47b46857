import Redis from 'ioredis';
import { Client } from 'pg';
import type { NotificationIntent } from '@forum/contracts';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startThrowawayRedis, ThrowawayRedis } from '../support/test-redis';
import { startTestSmtp, TestSmtp } from '../support/test-smtp';
import { waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { Retention } from '../../apps/worker/src/outbox/retention.service';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(90_000));

async function notify(t: TestApp, key: string, governmentId: string) {
  const intent: NotificationIntent = {
    category: 'meetings',
    key,
    recipients: { governmentIds: [governmentId] },
    subject: { en: `Notice ${key}`, fr: `Avis ${key}` },
    body: { en: 'Notice.', fr: 'Avis.' },
  };
  await t.dataSource.query(`INSERT INTO outbox_event (name, payload, audience, notify) VALUES ('meeting.updated', '{}', '{"kind":"none"}', $1)`, [
    JSON.stringify([intent]),
  ]);
  await t.dataSource.query(`SELECT pg_notify('forum_outbox', '')`);
}

/** Dead letters the secretariat can see and retry, honest health, and papers that outlive their agenda item. */
describe('reliability: operations', () => {
  // A Redis of this suite's own: the health test makes it refuse writes.
  let redis: ThrowawayRedis;
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let f: Factories;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    smtp = await startTestSmtp();
    t = await startTestApp({
      env: {
        REDIS_URL: redis.url,
        EMAIL_ATTEMPTS: '2',
        EMAIL_BACKOFF_MS: '50',
        EMAIL_BACKOFF_MAX_MS: '50',
        DELIVERY_SWEEP_MS: '300',
        DELIVERY_GRACE_MS: '500',
      },
    });
    worker = await startTestWorker(t, { smtpUrl: smtp.url, redisUrl: redis.url });
    f = new Factories(t);
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

  it('keeps an email out of attempts as a failed delivery the secretariat lists and retries; it is then delivered once', async () => {
    const government = await f.government();
    const official = await f.official(government.id);
    let refusing = true;
    smtp.onMessage = () => {
      if (refusing) throw Object.assign(new Error('Mailbox unavailable'), { responseCode: 451 });
    };
    await notify(t, 'dead-letter', government.id);
    const failed = await waitUntil(
      async () => {
        const res = await t.http.get('/api/v1/deliveries?status=failed', t.adminToken);
        return res.body.items?.find((d: any) => d.queue === 'email');
      },
      30_000,
      'the email delivery failed for good',
    );
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 2,
      messageId: expect.stringMatching(/^<notification-.+@forum>$/),
      lastError: expect.stringContaining('Mailbox unavailable'),
    });
    expect((await t.http.get('/api/v1/deliveries?status=failed', official.token)).status).toBe(403);
    expect((await t.http.get('/api/v1/deliveries?status=lost', t.adminToken)).status).toBe(400);

    refusing = false;
    const retried = await t.http.post(`/api/v1/deliveries/${failed.id}/retry`, {}, t.adminToken);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('pending');
    await waitUntil(() => smtp.messages.some((m) => m.to.includes(official.email)), 20_000, 'the retried email');
    await waitUntil(
      async () => (await t.http.get(`/api/v1/deliveries?status=sent&limit=200`, t.adminToken)).body.items.some((d: any) => d.id === failed.id),
      10_000,
      'the delivery sent',
    );
    expect(smtp.messages.filter((m) => m.to.includes(official.email))).toHaveLength(1);

    const again = await t.http.post(`/api/v1/deliveries/${failed.id}/retry`, {}, t.adminToken);
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('delivery_not_failed');
    expect((await t.http.post('/api/v1/deliveries/999999999/retry', {}, t.adminToken)).status).toBe(404);
    expect((await t.http.post('/api/v1/deliveries/not-a-number/retry', {}, t.adminToken)).status).toBe(400);
    expect((await t.http.post(`/api/v1/deliveries/${failed.id}/retry`, {}, official.token)).status).toBe(403);
  });

  it('answers live and ready with each component, and is not ready while Redis refuses writes', async () => {
    const live = await t.http.get('/api/v1/health/live');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    const ready = await t.http.get('/api/v1/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.components).toMatchObject({
      postgres: { state: 'up', pool: { max: 10, waiting: 0 } },
      redis: { state: 'up' },
      outbox: { state: 'up', lagSeconds: expect.any(Number) },
      queues: { state: 'up', depth: expect.any(Number) },
    });
    expect((await t.http.get('/api/v1/health')).body).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up' });

    // An event the relay cannot take (another transaction holds its row; SKIP LOCKED passes it by) waits
    // beyond the lag threshold: not ready, while /health (Postgres and Redis) still answers 200.
    const holder = new Client({ connectionString: t.database.url });
    await holder.connect();
    try {
      let held = false;
      for (let i = 0; i < 5 && !held; i++) {
        const { rows } = await holder.query(
          `INSERT INTO outbox_event (name, payload, audience, created_at) VALUES ('meeting.updated', '{}', '{"kind":"none"}', now() - interval '2 hours') RETURNING id`,
        );
        await holder.query('BEGIN');
        held = (await holder.query(`SELECT id FROM outbox_event WHERE id = $1 AND relayed_at IS NULL FOR UPDATE`, [rows[0].id])).rows.length === 1;
        if (!held) await holder.query('ROLLBACK');
      }
      expect(held).toBe(true);
      const lagging = await t.http.get('/api/v1/health/ready');
      expect(lagging.status).toBe(503);
      expect(lagging.body.components.outbox).toMatchObject({ state: 'down', lagSeconds: expect.any(Number) });
      expect(lagging.body.components.outbox.lagSeconds).toBeGreaterThan(3600);
      expect((await t.http.get('/api/v1/health')).status).toBe(200);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    await waitUntil(async () => (await t.http.get('/api/v1/health/ready')).status === 200, 10_000, 'ready again once relayed');

    // A Redis that answers PING but refuses writes (full, noeviction) is not ready, and /health says so.
    const admin = new Redis(redis.url);
    try {
      await admin.config('SET', 'min-replicas-to-write', '1');
      const full = await t.http.get('/api/v1/health/ready');
      expect(full.status).toBe(503);
      expect(full.body.components.redis.state).toBe('down');
      expect(full.body.components.postgres.state).toBe('up');
      expect((await t.http.get('/api/v1/health')).status).toBe(503);
    } finally {
      await admin.config('SET', 'min-replicas-to-write', '0');
      admin.disconnect();
    }
    expect((await t.http.get('/api/v1/health/ready')).status).toBe(200);
  });

  it('detaches the papers of a deleted agenda item instead of deleting them', async () => {
    const { body } = await f.bodyWith({ a: { role: 'member' } });
    const meeting = await f.meeting(body.id);
    const item = (
      await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { title: 'Housing', purpose: 'discussion', durationMinutes: 10 }, t.adminToken)
    ).body;
    const paper = await t.http.post(
      `/api/v1/meetings/${meeting.id}/agenda-items/${item.id}/papers`,
      { title: 'Briefing note', url: 'https://example.org/note' },
      t.adminToken,
    );
    expect(paper.status).toBe(201);
    expect((await t.http.delete(`/api/v1/meetings/${meeting.id}/agenda-items/${item.id}`, t.adminToken)).status).toBe(200);
    const rows = await t.dataSource.query(`SELECT agenda_item_id, meeting_id, title_en AS title FROM agenda_paper WHERE id = $1`, [paper.body.id]);
    expect(rows).toEqual([{ agenda_item_id: null, meeting_id: meeting.id, title: 'Briefing note' }]);
  });

  it('deletes relayed outbox events and read notifications past the retention period, never the audit', async () => {
    const official = await f.official((await f.government()).id);
    const old = `now() - interval '91 days'`;
    const [{ id: oldEvent }] = await t.dataSource.query(
      `INSERT INTO outbox_event (name, payload, audience, created_at, relayed_at) VALUES ('x.old', '{}', '{"kind":"none"}', ${old}, ${old}) RETURNING id`,
    );
    const [{ id: recentEvent }] = await t.dataSource.query(
      `INSERT INTO outbox_event (name, payload, audience, relayed_at) VALUES ('x.recent', '{}', '{"kind":"none"}', now() - interval '1 day') RETURNING id`,
    );
    const notification = (key: string, readAt: string) =>
      t.dataSource
        .query(
          `INSERT INTO notification (user_id, key, category, title, body, email_delivery, read_at) VALUES ($1, $2, 'meetings', 'T', 'B', 'off', ${readAt}) RETURNING id`,
          [official.id, key],
        )
        .then((r: any[]) => r[0].id);
    const oldRead = await notification('old-read', old);
    const oldUnread = await notification('old-unread', 'NULL');
    const recentRead = await notification('recent-read', 'now()');
    await t.dataSource.query(`INSERT INTO audit_record (action, entity_type, entity_id, created_at) VALUES ('x.old', 'test', 'old', ${old})`);

    const result = await worker.app.get(Retention).run();
    expect(result.outboxEvents).toBeGreaterThanOrEqual(1);
    expect(result.readNotifications).toBeGreaterThanOrEqual(1);
    expect((await t.dataSource.query(`SELECT id FROM outbox_event WHERE id = ANY($1::bigint[])`, [[oldEvent, recentEvent]])).map((r: any) => r.id)).toEqual([
      recentEvent,
    ]);
    const kept = (await t.dataSource.query(`SELECT id FROM notification WHERE id = ANY($1::uuid[])`, [[oldRead, oldUnread, recentRead]]))
      .map((r: any) => r.id)
      .sort();
    expect(kept).toEqual([oldUnread, recentRead].sort());
    expect(await t.dataSource.query(`SELECT 1 FROM audit_record WHERE entity_id = 'old'`)).toHaveLength(1);
  });
});
