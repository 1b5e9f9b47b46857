import { scaled } from '../support/timeouts';
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { Queue } from 'bullmq';
import { redisConnectionOptions } from '@forum/core';
import { startTestApp, TestApp } from '../support/test-app';
import { Factories } from '../support/factories';
import { ensureNoEviction, startTestWorker, TestWorker } from '../support/test-worker';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
}

/** Polls until the check passes (no fixed sleep); fails with the last value after the time limit. */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + scaled(ms);
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

describe('webhooks', () => {
  let t: TestApp;
  let f: Factories;
  let worker: TestWorker;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  /** path → how many more times to answer 500 */
  const failures = new Map<string, number>();

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, raw });
        const left = failures.get(req.url ?? '') ?? 0;
        if (left > 0) {
          failures.set(req.url ?? '', left - 1);
          res.writeHead(500).end('not yet');
        } else res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    await ensureNoEviction();
    t = await startTestApp({ env: { FORUM_ALLOW_HTTP_HOSTS: '127.0.0.1' } });
    f = new Factories(t);
    worker = await startTestWorker(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await new Promise((r) => receiver?.close(r));
  });

  const hook = (body: Record<string, unknown>, token = t.adminToken) => t.http.post('/api/v1/webhooks', body, token);
  const at = (path: string) => received.filter((r) => r.path === path);

  it('is the secretariat’s, and refuses plain HTTP and private, loopback or link-local addresses at registration', async () => {
    const gov = await f.government();
    const official = await f.official(gov.id);
    expect((await hook({ url: `${receiverUrl}/x`, events: ['action-item.created'] }, official.token)).status).toBe(403);
    for (const url of [
      'http://example.com/hook',
      'https://10.0.0.7/hook',
      'https://192.168.1.20/hook',
      'https://169.254.169.254/latest',
      'https://[::1]/hook',
      'https://localhost/hook',
      'not a url',
    ]) {
      const res = await hook({ url, events: ['action-item.created'] });
      expect([url, res.status]).toEqual([url, 400]);
    }
    expect((await hook({ url: `${receiverUrl}/x`, events: ['notification'] })).status).toBe(400);
  });

  it('delivers a signed POST a receiver can verify, retried with backoff until it succeeds, under the same delivery id', async () => {
    const gov = await f.government();
    const body = await f.body();
    await f.member(body.id, gov.id);
    const created = await hook({ url: `${receiverUrl}/flaky`, events: ['action-item.created'], bodyId: body.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), secret: expect.any(String) });
    failures.set('/flaky', 2);
    const item = await f.actionItem(body.id, gov.id);

    const attempts = await until(
      async () => at('/flaky'),
      (list) => list.length >= 3,
    );
    const ids = new Set(attempts.map((a) => a.headers['x-forum-delivery']));
    expect(ids.size).toBe(1);
    const last = attempts[2];
    const parsed = JSON.parse(last.raw);
    expect(parsed).toEqual({
      id: last.headers['x-forum-delivery'],
      event: 'action-item.created',
      occurredAt: expect.any(String),
      data: expect.objectContaining({ id: item.id, bodyId: body.id }),
    });
    // the receiver's check: HMAC-SHA256 of the raw body with the secret
    const expected = 'sha256=' + createHmac('sha256', created.body.secret).update(last.raw).digest('hex');
    expect(last.headers['x-forum-signature']).toBe(expected);
    const timestamp = String(last.headers['x-forum-timestamp']);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
    expect(last.headers['x-forum-signature-timestamped']).toBe(
      'sha256=' + createHmac('sha256', created.body.secret).update(`${timestamp}.${last.raw}`).digest('hex'),
    );
    // a wrong secret does not verify
    expect(last.headers['x-forum-signature']).not.toBe('sha256=' + createHmac('sha256', 'guess').update(last.raw).digest('hex'));
    // the first retry came within 10 s
    const log = await until(
      async () => (await t.http.get(`/api/v1/webhooks/${created.body.id}/deliveries`, t.adminToken)).body,
      (b) => b.items?.[0]?.status === 'delivered',
    );
    expect(log.items).toEqual([
      { deliveryId: parsed.id, event: 'action-item.created', attempt: 3, status: 'delivered', responseStatus: 204, at: expect.any(String) },
    ]);

    // retry now: the same id and body once more
    const retried = await t.http.post(`/api/v1/webhooks/${created.body.id}/deliveries/${parsed.id}/retry`, {}, t.adminToken);
    expect(retried.status).toBe(200);
    const again = await until(
      async () => at('/flaky'),
      (list) => list.length >= 4,
    );
    expect(again[3].headers['x-forum-delivery']).toBe(parsed.id);
    expect(again[3].raw).toBe(last.raw);
  });

  it('checks the address again at each delivery', async () => {
    const gov = await f.government();
    const body = await f.body();
    await f.member(body.id, gov.id);
    const created = (await hook({ url: `${receiverUrl}/rebound`, events: ['action-item.created'], bodyId: body.id })).body;
    // as if the name now resolved to a private address
    await t.dataSource.query(`UPDATE webhook SET url = 'https://10.0.0.7/rebound' WHERE id = $1`, [created.id]);
    await f.actionItem(body.id, gov.id);
    const log = await until(
      async () => t.dataSource.query(`SELECT status, attempt, last_error FROM webhook_delivery WHERE webhook_id = $1`, [created.id]),
      (rows: any[]) => rows.length === 1 && rows[0].attempt >= 1,
    );
    expect(log[0].status).toBe('retrying');
    expect(log[0].last_error).toMatch(/public address/);
    expect(at('/rebound')).toHaveLength(0);
  });

  it('sends a bound subscription only what its government may see, and a body’s subscription only that body’s events', async () => {
    const gov = await f.government();
    const other = await f.government();
    const mine = await f.body();
    const theirs = await f.body();
    await f.member(mine.id, gov.id);
    await f.member(theirs.id, other.id);
    expect((await hook({ url: `${receiverUrl}/bound`, events: ['action-item.created'], governmentId: gov.id })).status).toBe(201);
    expect((await hook({ url: `${receiverUrl}/theirs`, events: ['action-item.created'], bodyId: theirs.id })).status).toBe(201);
    const hidden = await f.actionItem(theirs.id, other.id);
    const visible = await f.actionItem(mine.id, gov.id);
    await until(
      async () => at('/bound'),
      (list) => list.length >= 1,
    );
    await until(
      async () => at('/theirs'),
      (list) => list.length >= 1,
    );
    // the hidden event's fan-out job is over: it decided for every subscription
    const [{ id: eventId }] = await t.dataSource.query(`SELECT id FROM outbox_event WHERE name = 'action-item.created' AND payload->>'id' = $1`, [hidden.id]);
    const queue = new Queue('webhooks', { connection: redisConnectionOptions(t.config.redisUrl), prefix: t.config.redisPrefix });
    try {
      await until(
        async () => (await queue.getJob(`evt-${eventId}-webhooks`))?.getState(),
        (state) => state === 'completed',
      );
    } finally {
      await queue.close();
    }
    const boundIds = at('/bound').map((r) => JSON.parse(r.raw).data.id);
    expect(boundIds).toContain(visible.id);
    expect(boundIds).not.toContain(hidden.id);
    expect(at('/theirs').map((r) => JSON.parse(r.raw).data.id)).toEqual([hidden.id]);
  });
});
