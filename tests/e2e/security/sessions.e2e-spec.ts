import jwt from 'jsonwebtoken';
import { loadConfig } from '@forum/core';
import { accountTokenFor } from '../../../libs/notifications/src/account-token';
import { Factories, TestOfficial } from '../../support/factories';
import { ADMIN_EMAIL, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../../support/test-app';
import { waitUntil } from '../../support/test-sockets';

const cookieOf = (setCookie: string[], name: string) => setCookie.find((c) => c.startsWith(`${name}=`)) ?? null;
const valueOf = (cookie: string | null) => (cookie ? cookie.split(';')[0] : '');

describe('security: sessions (#13 finding 3 and 8)', () => {
  let t: TestApp;
  let f: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function signIn(official: TestOfficial, password = OFFICIAL_PASSWORD) {
    const res = await t.http.post('/api/v1/auth/login', { email: official.email, password });
    expect(res.status).toBe(200);
    const session = cookieOf(res.headers.getSetCookie(), 'forum_session');
    return { token: res.body.accessToken as string, cookie: valueOf(session), setCookie: session!, res };
  }
  const refresh = (cookie: string, headers: Record<string, string> = {}) => t.http.request('POST', '/api/v1/auth/refresh', { headers: { cookie, ...headers } });

  it('gives a short access token with exp and a session id, and an HttpOnly SameSite=Lax session cookie for the auth routes only', async () => {
    const official = await f.official((await f.government()).id);
    const { token, setCookie, res } = await signIn(official);
    const claims = jwt.decode(token) as { exp: number; iat: number; sid: string };
    expect(claims.exp - claims.iat).toBe(15 * 60);
    expect(claims.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\/api\/v1\/auth/);
    expect(setCookie).not.toMatch(/Secure/); // http://localhost; Secure under https or in production
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.text).not.toContain(valueOf(setCookie).split('=')[1]);
  });

  it('refuses tokens without exp, and never accepts the old development secret', async () => {
    const official = await f.official((await f.government()).id);
    const { token } = await signIn(official);
    const claims = jwt.decode(token) as Record<string, unknown>;
    const { exp: _exp, iat: _iat, ...rest } = claims;
    const forever = jwt.sign(rest, t.config.jwtSecret, { algorithm: 'HS256' });
    expect((await t.http.get('/api/v1/auth/me', forever)).status).toBe(401);
    expect((await t.http.get('/api/v1/auth/me', token)).status).toBe(200);
    const devSecret = 'forum-development-secret-change-me-in-production';
    expect(t.config.jwtSecret).not.toBe(devSecret);
    expect(() => loadConfig({ JWT_SECRET: devSecret })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set in production/);
    const forged = jwt.sign({ ...rest }, devSecret, { algorithm: 'HS256', expiresIn: 600 });
    expect((await t.http.get('/api/v1/auth/me', forged)).status).toBe(401);
    // without JWT_SECRET each process makes a random one: nothing from the source signs a token
    expect(loadConfig({}).jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({}).host).toBe('127.0.0.1');
  });

  it('refreshes with the cookie, rotating it; a reused cookie ends the whole session', async () => {
    const official = await f.official((await f.government()).id);
    const first = await signIn(official);
    const r1 = await refresh(first.cookie);
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ accessToken: expect.any(String), user: { id: official.id, email: official.email } });
    expect(r1.headers.get('cache-control')).toBe('no-store');
    const second = valueOf(cookieOf(r1.headers.getSetCookie(), 'forum_session'));
    expect(second).not.toBe(first.cookie);
    const r2 = await refresh(second);
    expect(r2.status).toBe(200);
    const third = valueOf(cookieOf(r2.headers.getSetCookie(), 'forum_session'));
    // the first cookie again (outside the two-tab grace: it is two rotations old): a stolen copy
    expect((await refresh(first.cookie)).status).toBe(401);
    expect((await refresh(third)).status).toBe(401);
    expect((await t.http.get('/api/v1/auth/me', r2.body.accessToken)).status).toBe(401);
    expect((await t.http.get('/api/v1/auth/me', first.token)).status).toBe(401);
  });

  it('accepts refresh and logout from this site only', async () => {
    const official = await f.official((await f.government()).id);
    const { cookie, token } = await signIn(official);
    expect((await refresh(cookie, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await refresh(cookie, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await t.http.request('POST', '/api/v1/auth/logout', { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await t.http.get('/api/v1/auth/me', token)).status).toBe(200);
    expect((await refresh(cookie, { origin: t.baseUrl })).status).toBe(200);
    expect((await t.http.request('POST', '/api/v1/auth/refresh', {})).status).toBe(401);
  });

  it('ends the session at logout, and every session with ?everywhere=true', async () => {
    const official = await f.official((await f.government()).id);
    const a = await signIn(official);
    const b = await signIn(official);
    const out = await t.http.request('POST', '/api/v1/auth/logout', { headers: { cookie: a.cookie } });
    expect(out.status).toBe(204);
    expect(cookieOf(out.headers.getSetCookie(), 'forum_session')).toMatch(/Max-Age=0/);
    expect((await t.http.get('/api/v1/auth/me', a.token)).status).toBe(401);
    expect((await refresh(a.cookie)).status).toBe(401);
    expect((await t.http.get('/api/v1/auth/me', b.token)).status).toBe(200);
    const c = await signIn(official);
    expect((await t.http.request('POST', '/api/v1/auth/logout?everywhere=true', { token: c.token })).status).toBe(204);
    for (const s of [b, c]) {
      expect((await t.http.get('/api/v1/auth/me', s.token)).status).toBe(401);
      expect((await refresh(s.cookie)).status).toBe(401);
    }
  });

  it('ends every session at a password reset and at deactivation, on every instance at once', async () => {
    const official = await f.official((await f.government()).id);
    const second = await startTestApp({ database: t.database, redisPrefix: t.config.redisPrefix });
    try {
      const s = await signIn(official);
      // warm the other instance's session cache: revocation must reach it, not wait for its expiry
      expect((await second.http.get('/api/v1/auth/me', s.token)).status).toBe(200);
      expect((await t.http.post('/api/v1/auth/password-reset', { email: official.email })).status).toBe(202);
      const [row] = await waitUntil(async () => {
        const rows = await t.dataSource.query(`SELECT id FROM account_token WHERE user_id = $1 AND purpose = 'password_reset'`, [official.id]);
        return rows.length ? rows : null;
      });
      const confirm = await t.http.post('/api/v1/auth/password-reset/confirm', {
        token: accountTokenFor(t.config.jwtSecret, row.id),
        password: 'a brand new passphrase',
      });
      expect(confirm.status).toBe(200);
      expect((await t.http.get('/api/v1/auth/me', s.token)).status).toBe(401);
      await waitUntil(async () => (await second.http.get('/api/v1/auth/me', s.token)).status === 401, 1000);
      expect((await refresh(s.cookie)).status).toBe(401);

      const again = await signIn(official, 'a brand new passphrase');
      expect((await second.http.get('/api/v1/auth/me', again.token)).status).toBe(200);
      expect((await t.http.patch(`/api/v1/users/${official.id}`, { active: false }, t.adminToken)).status).toBe(200);
      await waitUntil(async () => (await second.http.get('/api/v1/auth/me', again.token)).status === 401, 1000);
      expect((await refresh(again.cookie)).status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('stops a token whose signature each instance has already checked and kept, at logout and at deactivation, on every instance', async () => {
    const world = await f.bodyWith({ lead: { role: 'co_chair' }, partner: { role: 'member' } });
    const item = await f.actionItem(world.body.id, world.seats.lead.government.id);
    const official = world.seats.partner.official;
    const second = await startTestApp({ database: t.database, redisPrefix: t.config.redisPrefix });
    try {
      const read = (app: TestApp, token: string) => app.http.get(`/api/v1/action-items/${item.id}`, token);
      const s = await signIn(official);
      // the hot read, twice on each instance: the token's claims and its session are both cached there now
      for (const app of [t, second, t, second]) expect((await read(app, s.token)).status).toBe(200);
      expect((await t.http.request('POST', '/api/v1/auth/logout', { headers: { cookie: s.cookie } })).status).toBe(204);
      expect((await read(t, s.token)).status).toBe(401);
      await waitUntil(async () => (await read(second, s.token)).status === 401, 1000);

      const again = await signIn(official);
      for (const app of [t, second, t, second]) expect((await read(app, again.token)).status).toBe(200);
      expect((await t.http.patch(`/api/v1/users/${official.id}`, { active: false }, t.adminToken)).status).toBe(200);
      expect((await read(t, again.token)).status).toBe(401);
      await waitUntil(async () => (await read(second, again.token)).status === 401, 1000);
    } finally {
      await second.close();
    }
  });

  it("reads and changes one's own account at /auth/me and /users/me, never role, government or email", async () => {
    const official = await f.official((await f.government()).id);
    const me = await t.http.get('/api/v1/auth/me', official.token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: official.id,
      email: official.email,
      role: 'official',
      governmentId: official.governmentId,
      locale: 'en',
      timeZone: null,
    });
    const changed = await t.http.patch('/api/v1/users/me', { displayName: 'Renamed Official', locale: 'fr', timeZone: 'America/Halifax' }, official.token);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ displayName: 'Renamed Official', locale: 'fr', timeZone: 'America/Halifax' });
    expect((await t.http.get('/api/v1/auth/me', official.token)).body).toMatchObject({
      displayName: 'Renamed Official',
      locale: 'fr',
      timeZone: 'America/Halifax',
    });
    for (const body of [{ role: 'secretariat' }, { governmentId: official.governmentId }, { email: ADMIN_EMAIL }, { timeZone: 'Mars/Olympus' }]) {
      expect((await t.http.patch('/api/v1/users/me', body, official.token)).status).toBe(400);
    }
    expect((await t.http.patch('/api/v1/users/me', { displayName: 'x' }, null)).status).toBe(401);
  });
});
