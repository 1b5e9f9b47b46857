import { redactUrl } from '../../../apps/api/src/security/http-security';
import { Factories } from '../../support/factories';
import { startTestApp, TestApp } from '../../support/test-app';
import { waitUntil } from '../../support/test-sockets';

describe('security: headers, passwords and other defaults (#13 finding 9)', () => {
  let t: TestApp;
  let f: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends a strict CSP, frame-ancestors none, nosniff and a Referrer-Policy on every page and answer, errors included', async () => {
    const answers = await Promise.all([
      t.http.get('/api/v1/health'),
      t.http.get('/en/communiques'),
      t.http.get('/fr/communiques'),
      t.http.get('/api/v1/public/communiques'),
      t.http.get('/api/v1/bodies'),
      t.http.get('/api/v1/nowhere'),
      t.http.get('/api/docs'),
      t.http.get('/api/v1/bodies', t.adminToken),
    ]);
    for (const res of answers) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBeTruthy();
      // HSTS only behind https (PUBLIC_BASE_URL), not on http://localhost
      expect(res.headers.get('strict-transport-security')).toBeNull();
      // the rest of helmet's set, worked out once at start-up (securityHeaders)
      expect({
        coop: res.headers.get('cross-origin-opener-policy'),
        corp: res.headers.get('cross-origin-resource-policy'),
        oac: res.headers.get('origin-agent-cluster'),
        dns: res.headers.get('x-dns-prefetch-control'),
        download: res.headers.get('x-download-options'),
        crossDomain: res.headers.get('x-permitted-cross-domain-policies'),
        xss: res.headers.get('x-xss-protection'),
      }).toEqual({ coop: 'same-origin', corp: 'same-origin', oac: '?1', dns: 'off', download: 'noopen', crossDomain: 'none', xss: '0' });
    }
    // the server-rendered pages hold no inline script
    const page = answers[1].text;
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  });

  it('sends HSTS when the public address is https', async () => {
    const https = await startTestApp({
      database: t.database,
      redisPrefix: `${t.config.redisPrefix}-https`,
      env: { PUBLIC_BASE_URL: 'https://forum.example.ca' },
    });
    try {
      const res = await https.http.get('/api/v1/health');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const login = await https.http.post('/api/v1/auth/login', { email: 'secretariat@forum.test', password: 'correct horse battery staple' });
      expect(login.headers.getSetCookie().find((c) => c.startsWith('forum_session='))).toMatch(/; Secure/);
    } finally {
      await https.close();
    }
  });

  it('marks authenticated answers, login included, no-store; public ones stay cacheable', async () => {
    const login = await t.http.post('/api/v1/auth/login', { email: 'secretariat@forum.test', password: 'correct horse battery staple' });
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect((await t.http.get('/api/v1/bodies', t.adminToken)).headers.get('cache-control')).toBe('no-store');
    expect((await t.http.get('/api/v1/auth/me', t.adminToken)).headers.get('cache-control')).toBe('no-store');
    expect((await t.http.get('/en/communiques')).headers.get('cache-control')).not.toBe('no-store');
  });

  it('refuses short and common passwords (NIST 800-63B), without composition rules', async () => {
    const gov = await f.government();
    const create = (password: string, i: number) =>
      t.http.post(
        '/api/v1/users',
        { email: `p${i}-${Date.now()}@forum.test`, displayName: 'P', password, role: 'official', governmentId: gov.id },
        t.adminToken,
      );
    const refused = ['12345678', 'password', 'short1!', '123456789012', 'qwertyuiop12', 'passwordpassword', 'Password1234', 'aaaaaaaaaaaaaaa'];
    for (const [i, password] of refused.entries()) {
      const res = await create(password, i);
      expect({ password, status: res.status }).toEqual({ password, status: 400 });
      expect(JSON.stringify(res.body.message)).toContain('password');
    }
    // a long passphrase of lower-case words is fine: no composition rules
    expect((await create('correct staple battery horse', 99)).status).toBe(201);
  });

  it('throttles password-reset requests and answers them in the same time whether or not the account exists', async () => {
    const official = await f.official((await f.government()).id);
    const known = await t.http.post('/api/v1/auth/password-reset', { email: official.email });
    const unknown = await t.http.post('/api/v1/auth/password-reset', { email: 'nobody-at-all@forum.test' });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await t.http.post('/api/v1/auth/password-reset', { email: official.email })).status);
    expect(statuses).toContain(429);
    const limited = await t.http.post('/api/v1/auth/password-reset', { email: official.email });
    expect(limited.body.reason).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toBeTruthy();
    // at most 3 reset emails an hour for one address, whoever asks
    await waitUntil(async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM account_token WHERE user_id = $1`, [official.id]))[0].n >= 3);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM account_token WHERE user_id = $1`, [official.id]);
    expect(n).toBe(3);
  });

  it('does not take a rejected join request again and again', async () => {
    const body = await f.body();
    const city = await f.government({ level: 'municipal' });
    const official = await f.official(city.id);
    for (let i = 0; i < 3; i++) {
      const asked = await t.http.post(`/api/v1/bodies/${body.id}/join-requests`, { message: `attempt ${i}` }, official.token);
      expect(asked.status).toBe(201);
      expect((await t.http.post(`/api/v1/bodies/${body.id}/join-requests/${asked.body.id}/decision`, { approve: false }, t.adminToken)).status).toBe(200);
    }
    const fourth = await t.http.post(`/api/v1/bodies/${body.id}/join-requests`, { message: 'again' }, official.token);
    expect(fourth.status).toBe(409);
    expect(fourth.body.reason).toBe('request_rejected_recently');
  });

  it('keeps tokens out of the request log', () => {
    expect(redactUrl('/admin/queues?token=eyJhbGciOi.abc.def')).toBe('/admin/queues?token=[redacted]');
    expect(redactUrl('/api/v1/calendar-feeds/s3cr3t-feed-token/meetings.ics')).toBe('/api/v1/calendar-feeds/[redacted]/meetings.ics');
    expect(redactUrl('/en/reset-password?token=abc&x=1')).toBe('/en/reset-password?token=[redacted]&x=1');
    expect(redactUrl('/api/v1/bodies?limit=5')).toBe('/api/v1/bodies?limit=5');
  });
});
