import { connect } from 'node:net';
import { PublicResponseCache } from '@forum/communiques';
import { Factories } from '../../support/factories';
import { OFFICIAL_PASSWORD, startTestApp, TestApp } from '../../support/test-app';
import { connectSocket, TestSocket, waitUntil } from '../../support/test-sockets';
import { startTestWorker, TestWorker } from '../../support/test-worker';

const timed = async <T>(work: () => Promise<T>) => {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
};

describe('security: limits (#13 findings 4, 5, 6 and 9)', () => {
  let t: TestApp;
  let f: Factories;

  beforeAll(async () => {
    // a short request timeout, so a trickled body can be seen cut off
    t = await startTestApp({ env: { FORUM_REQUEST_TIMEOUT_MS: '1000' } });
    f = new Factories(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('limits each user (and each address) to FORUM_API_RATE_LIMIT requests a minute: 429 rate_limited with Retry-After', async () => {
    const official = await f.official((await f.government()).id);
    const limitedApp = await startTestApp({ database: t.database, redisPrefix: `${t.config.redisPrefix}-limited`, env: { FORUM_API_RATE_LIMIT: '40' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 45; i++) statuses.push((await limitedApp.http.get('/api/v1/governments', official.token)).status);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(40);
      const limited = await limitedApp.http.get('/api/v1/governments', official.token);
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ statusCode: 429, reason: 'rate_limited' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // another user is counted on their own; health is never limited
      expect((await limitedApp.http.get('/api/v1/governments', limitedApp.adminToken)).status).toBe(200);
      expect((await limitedApp.http.get('/api/v1/health')).status).toBe(200);
      // without a token, per address: a public answer Nest builds (each search its own) is counted...
      await waitUntil(() => limitedApp.app.get(PublicResponseCache).isListening, 10_000, 'the public cache listening');
      expect((await limitedApp.http.get('/en/communiques')).status).toBe(200);
      const anonymous: number[] = [];
      for (let i = 0; i < 45; i++) anonymous.push((await limitedApp.http.get(`/api/v1/public/communiques?q=guess${i}`)).status);
      expect(anonymous).toContain(429);
      // ...but a hit served from memory is not: it costs less than the limiter, and a crowd behind one address is served
      const fromMemory = limitedApp.app.get(PublicResponseCache).counters.fromMemory;
      for (let i = 0; i < 5; i++) expect((await limitedApp.http.get('/en/communiques')).status).toBe(200);
      expect(limitedApp.app.get(PublicResponseCache).counters.fromMemory).toBe(fromMemory + 5);
      expect((await limitedApp.http.get('/api/v1/public/communiques?q=one-more')).status).toBe(429);
    } finally {
      await limitedApp.close();
    }
  });

  it('limits each user to FORUM_SEARCH_RATE_LIMIT searches a minute, even with the general limit off', async () => {
    const official = await f.official((await f.government()).id);
    const limitedApp = await startTestApp({ database: t.database, redisPrefix: `${t.config.redisPrefix}-searches`, env: { FORUM_SEARCH_RATE_LIMIT: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await limitedApp.http.get(`/api/v1/search?q=shelter${i}`, official.token)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await limitedApp.http.get('/api/v1/search?q=shelter', official.token);
      expect([limited.status, limited.body.reason]).toEqual([429, 'rate_limited']);
      // another user searches on their own count, and the limit is the search's only
      expect((await limitedApp.http.get('/api/v1/search?q=shelter', limitedApp.adminToken)).status).toBe(200);
      expect((await limitedApp.http.get('/api/v1/governments', official.token)).status).toBe(200);
    } finally {
      await limitedApp.close();
    }
  });

  it('counts parallel wrong guesses on one account, all of them', async () => {
    const official = await f.official((await f.government()).id);
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.http.post('/api/v1/auth/login', { email: official.email, password: `wrong guess ${i}` })),
    );
    const checked = guesses.filter((g) => g.status === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(guesses.filter((g) => g.status === 429).length).toBeGreaterThanOrEqual(25);
    expect(guesses.find((g) => g.status === 429)!.body.reason).toBe('rate_limited');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const official = await f.official((await f.government()).id);
    // rotating the header does not give fresh attempts
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (
          await t.http.request('POST', '/api/v1/auth/login', {
            body: { email: official.email, password: `nope ${i}` },
            headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
          })
        ).status,
      );
    }
    expect(statuses.slice(5)).toEqual([429, 429]);
    // and the address the API saw is the socket's
    const audit = await t.dataSource.query(`SELECT address FROM session ORDER BY created_at DESC LIMIT 1`);
    expect(audit[0]?.address ?? '127.0.0.1').not.toMatch(/^203\.0\.113/);
    const login = await t.http.request('POST', '/api/v1/auth/login', {
      body: { email: 'secretariat@forum.test', password: 'correct horse battery staple' },
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(login.status).toBe(200);
    const [row] = await t.dataSource.query(`SELECT address FROM session ORDER BY created_at DESC LIMIT 1`);
    expect(row.address).not.toBe('198.51.100.7');
  });

  it('believes X-Forwarded-For from a listed proxy only', async () => {
    const proxied = await startTestApp({ database: t.database, redisPrefix: `${t.config.redisPrefix}-proxied`, env: { FORUM_TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      const login = await proxied.http.request('POST', '/api/v1/auth/login', {
        body: { email: 'secretariat@forum.test', password: 'correct horse battery staple' },
        headers: { 'x-forwarded-for': '198.51.100.9' },
      });
      expect(login.status).toBe(200);
      const [row] = await t.dataSource.query(`SELECT address FROM session ORDER BY created_at DESC LIMIT 1`);
      expect(row.address).toBe('198.51.100.9');
    } finally {
      await proxied.close();
    }
  });

  it('does not lock a person out: a browser that signed in before is not blocked by failures from elsewhere', async () => {
    const official = await f.official((await f.government()).id);
    const first = await t.http.post('/api/v1/auth/login', { email: official.email, password: OFFICIAL_PASSWORD });
    const device = first.headers.getSetCookie().find((c) => c.startsWith('forum_device='))!;
    expect(device).toMatch(/HttpOnly/);
    for (let i = 0; i < 8; i++) await t.http.post('/api/v1/auth/login', { email: official.email, password: `attacker ${i}` });
    expect((await t.http.post('/api/v1/auth/login', { email: official.email, password: OFFICIAL_PASSWORD })).status).toBe(429);
    const known = await t.http.request('POST', '/api/v1/auth/login', {
      body: { email: official.email, password: OFFICIAL_PASSWORD },
      headers: { cookie: device.split(';')[0] },
    });
    expect(known.status).toBe(200);
    // a device cookie of another account, or a forged one, is no pass
    const forged = device.split(';')[0].replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(
      (await t.http.request('POST', '/api/v1/auth/login', { body: { email: official.email, password: OFFICIAL_PASSWORD }, headers: { cookie: forged } }))
        .status,
    ).toBe(429);
  });

  it('answers 50,000 keys, deep nesting and lone surrogates with 400 in milliseconds while health stays fast', async () => {
    const wide = '{' + Array.from({ length: 50_000 }, (_, i) => `"k${i}":1`).join(',') + '}';
    expect(wide.length).toBeLessThan(1024 * 1024);
    const [flood, health] = await Promise.all([
      timed(() => t.http.request('POST', '/api/v1/auth/login', { body: wide })),
      (async () => {
        await new Promise((r) => setTimeout(r, 5));
        return timed(() => t.http.get('/api/v1/health'));
      })(),
    ]);
    expect(flood.value.status).toBe(400);
    expect(flood.value.body.message.join(' ')).toMatch(/more than 1000 keys/);
    expect(flood.ms).toBeLessThan(500);
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(500);

    const deep = t.http.request('POST', '/api/v1/users', { body: '['.repeat(5000) + ']'.repeat(5000), token: t.adminToken });
    expect((await deep).status).toBe(400);
    const deepRoutes = ['/api/v1/governments', '/api/v1/bodies', '/api/v1/auth/login'];
    for (const path of deepRoutes)
      expect((await t.http.request('POST', path, { body: '{"a":'.repeat(40) + '1' + '}'.repeat(40), token: t.adminToken })).status).toBe(400);
    const surrogate = await t.http.request('POST', '/api/v1/users', {
      body: '{"email":"x@forum.test","displayName":"\\ud800","password":"a long password 1","role":"secretariat"}',
      token: t.adminToken,
    });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.reason).toBe('validation_failed');
    const proto = await t.http.request('POST', '/api/v1/bodies', { body: '{"__proto__":{"admin":true},"name":"x"}', token: t.adminToken });
    expect(proto.status).toBe(400);
  });

  it('answers a body over the limit with 413 payload_too_large', async () => {
    const res = await t.http.request('POST', '/api/v1/bodies', { body: JSON.stringify({ name: 'x', mandate: 'y'.repeat(1_100_000) }), token: t.adminToken });
    expect(res.status).toBe(413);
    expect(res.body.reason).toBe('payload_too_large');
  });

  it('cuts off a body trickled slower than the request timeout', async () => {
    const url = new URL(t.baseUrl);
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const start = Date.now();
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":`);
      });
      const trickle = setInterval(() => socket.writable && socket.write(' '), 200);
      socket.on('data', () => undefined);
      socket.on('close', () => {
        clearInterval(trickle);
        resolve(Date.now() - start);
      });
      socket.on('error', () => undefined);
      setTimeout(() => reject(new Error('still open after 10 s')), 10_000).unref();
    });
    expect(closedAfter).toBeLessThan(8_000);
  });
});

describe('security: slot searches and draft events (#13 findings 6 and 9)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let f: Factories;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t);
    f = new Factories(t);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await worker?.close();
    await t?.close();
  });

  it('answers the widest slot search in a fraction of a second', async () => {
    const zones = ['America/Vancouver', 'America/St_Johns', 'America/Toronto', 'America/Halifax', 'America/Winnipeg'];
    const { body, seats } = await f.bodyWith(Object.fromEntries(zones.map((z, i) => [`g${i}`, { role: 'member' as const, timeZone: z }])));
    const { ms, value } = await timed(() =>
      t.http.get(
        `/api/v1/meetings/slots?bodyId=${body.id}&durationMinutes=600&from=2031-01-01T00:00:00Z&to=2031-04-01T00:00:00Z&count=20`,
        seats.g0.official.token,
      ),
    );
    expect(value.status).toBe(200);
    expect(ms).toBeLessThan(1000);
  });

  it("shows an official the free/busy of the body's own officials only, never drafts", async () => {
    const { body, seats } = await f.bodyWith({ a: { role: 'member' }, b: { role: 'member' } });
    const other = await f.bodyWith({ c: { role: 'member' } });
    const stranger = other.seats.c.official;
    const q = (ids: string[]) =>
      `/api/v1/meetings/slots?bodyId=${body.id}&durationMinutes=60&from=2031-09-02T00:00:00Z&to=2031-09-04T00:00:00Z&count=20&${ids.map((id) => `delegateUserIds=${id}`).join('&')}`;
    expect((await t.http.get(q([stranger.id]), seats.a.official.token)).status).toBe(400);
    expect((await t.http.get(q([stranger.id]), t.adminToken)).status).toBe(200);
    // a draft of another body (where b's official is a delegate) is not visible as busy time to a's official
    await f.member(other.body.id, seats.b.government.id);
    await f.meeting(other.body.id, {
      startsAt: '2031-09-02T14:00:00Z',
      endsAt: '2031-09-02T20:00:00Z',
      status: 'draft',
      delegateUserIds: [seats.b.official.id],
    });
    const asOfficial = await t.http.get(q([seats.b.official.id]), seats.a.official.token);
    const asSecretariat = await t.http.get(q([seats.b.official.id]), t.adminToken);
    expect(asOfficial.status).toBe(200);
    const starts = (r: typeof asOfficial) => r.body.items.map((s: { startsAt: string }) => s.startsAt);
    expect(starts(asOfficial).some((s: string) => s >= '2031-09-02T14:00' && s < '2031-09-02T20:00')).toBe(true);
    expect(starts(asSecretariat).some((s: string) => s >= '2031-09-02T14:00' && s < '2031-09-02T19:00')).toBe(false);
  });

  it('sends the events of a draft meeting to no member', async () => {
    const { body, seats } = await f.bodyWith({ member: { role: 'member' } });
    const member = await connectSocket(t.baseUrl, seats.member.official.token);
    sockets.push(member);
    const draft = await f.meeting(body.id, { status: 'draft' });
    await t.http.patch(`/api/v1/meetings/${draft.id}`, { title: 'Still a draft' }, t.adminToken);
    const scheduled = await f.meeting(body.id);
    await member.waitFor('meeting.created', (p) => p.id === scheduled.id);
    expect(member.received('meeting.created', (p) => p.id === draft.id)).toEqual([]);
    expect(member.received('meeting.updated', (p) => p.id === draft.id)).toEqual([]);
  });
});
