import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { Factories } from '../support/factories';

describe('health, auth, users and governments', () => {
  let t: TestApp;
  let f: Factories;
  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(() => t?.close());

  describe('health and docs', () => {
    it('reports ok when Postgres and Redis answer', async () => {
      const res = await t.http.get('/api/v1/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up' });
    });

    it('serves the OpenAPI document listing the contract routes', async () => {
      const res = await t.http.get('/api/docs-json');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining(['/api/v1/auth/login', '/api/v1/governments', '/api/v1/users', '/api/v1/bodies', '/api/v1/bodies/{id}/members']),
      );
    });
  });

  describe('login', () => {
    it('returns a token and the user for the admin account created from FORUM_ADMIN_EMAIL', async () => {
      const res = await t.http.post('/api/v1/auth/login', { email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.user).toEqual(
        expect.objectContaining({ email: ADMIN_EMAIL, role: 'secretariat', governmentId: null, displayName: expect.any(String), id: expect.any(String) }),
      );
      expect(res.body.user.passwordHash).toBeUndefined();
    });

    it('refuses a wrong password and an unknown email with the same 401', async () => {
      const wrong = await t.http.post('/api/v1/auth/login', { email: ADMIN_EMAIL, password: 'not the password' });
      const unknown = await t.http.post('/api/v1/auth/login', { email: 'nobody@forum.test', password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.message).toEqual(unknown.body.message);
      expect(wrong.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('slows down repeated failures on one account without blocking other accounts from the same address', async () => {
      const gov = await f.government();
      const target = await f.official(gov.id);
      const other = await f.official(gov.id);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await t.http.post('/api/v1/auth/login', { email: target.email, password: 'guess ' + i })).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses[5]).toBe(429);
      const blocked = await t.http.post('/api/v1/auth/login', { email: target.email, password: 'official password 123' });
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBeTruthy();
      const colleague = await t.http.post('/api/v1/auth/login', { email: other.email, password: 'official password 123' });
      expect(colleague.status).toBe(200);
    });

    it('rejects a body with unknown or missing fields with 400 naming them', async () => {
      const res = await t.http.post('/api/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, remember: true });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('remember');
      const missing = await t.http.post('/api/v1/auth/login', { email: ADMIN_EMAIL });
      expect(missing.status).toBe(400);
      expect(JSON.stringify(missing.body.message)).toContain('password');
    });

    it('answers malformed JSON with 400 in the contract format', async () => {
      const res = await t.http.request('POST', '/api/v1/auth/login', { body: '{"email":', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.anything() });
    });
  });

  describe('tokens', () => {
    it('401 without a token, with a garbage token and with a token signed by someone else', async () => {
      expect((await t.http.get('/api/v1/bodies')).status).toBe(401);
      expect((await t.http.get('/api/v1/bodies', 'garbage')).status).toBe(401);
      const [header, payload] = t.adminToken.split('.');
      const forged = `${header}.${payload}.c2lnbmF0dXJl`;
      const res = await t.http.get('/api/v1/bodies', forged);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(expect.objectContaining({ statusCode: 401, error: 'Unauthorized', message: expect.any(String), requestId: expect.any(String) }));
    });

    it('stops the tokens of a deactivated account at once', async () => {
      const gov = await f.government();
      const official = await f.official(gov.id);
      expect((await t.http.get('/api/v1/governments', official.token)).status).toBe(200);
      const deactivate = await t.http.patch(`/api/v1/users/${official.id}`, { active: false }, t.adminToken);
      expect(deactivate.status).toBe(200);
      expect(deactivate.body.active).toBe(false);
      expect((await t.http.get('/api/v1/governments', official.token)).status).toBe(401);
      expect((await t.http.post('/api/v1/auth/login', { email: official.email, password: 'official password 123' })).status).toBe(401);
    });
  });

  describe('governments', () => {
    it('are readable by any user, in the order of precedence', async () => {
      const municipal = await f.government({ code: 'ZMUN', level: 'municipal', nameEn: 'Aardvark City' });
      const ca = await f.government({ code: 'CA', level: 'federal', nameEn: 'Government of Canada' });
      const nl = await f.government({ code: 'NL', level: 'provincial', timeZone: 'America/St_Johns' });
      const on = await f.government({ code: 'ON', level: 'provincial' });
      const official = await f.official(municipal.id);
      const res = await t.http.get('/api/v1/governments?limit=200', official.token);
      expect(res.status).toBe(200);
      const codes = res.body.items.map((g: { code: string }) => g.code);
      expect(codes.indexOf('CA')).toBeLessThan(codes.indexOf('ON'));
      expect(codes.indexOf('ON')).toBeLessThan(codes.indexOf('NL'));
      expect(codes.indexOf('NL')).toBeLessThan(codes.indexOf('ZMUN'));
      expect(res.body.total).toBeGreaterThanOrEqual(4);
      expect(res.body.items.find((g: { id: string }) => g.id === nl.id)).toMatchObject({
        timeZone: 'America/St_Johns',
        nameFr: expect.any(String),
        level: 'provincial',
      });
      void ca;
      void on;
    });

    it('are written by the secretariat only: 403 for an official', async () => {
      const gov = await f.government();
      const official = await f.official(gov.id);
      const res = await t.http.post(
        '/api/v1/governments',
        { code: 'XX', nameEn: 'X land', nameFr: 'Pays X', level: 'provincial', timeZone: 'America/Regina' },
        official.token,
      );
      expect(res.status).toBe(403);
    });

    it('refuse a duplicate code with 409 and a bad zone, level or unknown field with 400 naming the field', async () => {
      await f.government({ code: 'DUP' });
      const dup = await t.http.post(
        '/api/v1/governments',
        { code: 'DUP', nameEn: 'Dup', nameFr: 'Dup', level: 'provincial', timeZone: 'America/Toronto' },
        t.adminToken,
      );
      expect(dup.status).toBe(409);
      const bad = await t.http.post(
        '/api/v1/governments',
        { code: 'BAD1', nameEn: 'Bad', nameFr: 'Bad', level: 'county', timeZone: 'UTC-3:30', extra: 1 },
        t.adminToken,
      );
      expect(bad.status).toBe(400);
      const text = JSON.stringify(bad.body.message);
      expect(text).toContain('level');
      expect(text).toContain('timeZone');
      expect(text).toContain('extra');
    });

    it('404 for an unknown id and 400 for a malformed one', async () => {
      expect((await t.http.get('/api/v1/governments/00000000-0000-4000-8000-000000000000', t.adminToken)).status).toBe(404);
      const malformed = await t.http.get('/api/v1/governments/not-a-uuid', t.adminToken);
      expect(malformed.status).toBe(400);
      expect(JSON.stringify(malformed.body.message)).toContain('id');
    });
  });

  describe('users', () => {
    it('are created and listed by the secretariat; an official needs a government', async () => {
      const gov = await f.government();
      const created = await t.http.post(
        '/api/v1/users',
        { email: 'New.Person@Forum.test', displayName: 'New Person', password: 'long enough password', role: 'official', governmentId: gov.id },
        t.adminToken,
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email: 'new.person@forum.test', role: 'official', governmentId: gov.id });
      expect(created.body.password).toBeUndefined();
      const noGov = await t.http.post(
        '/api/v1/users',
        { email: 'x@forum.test', displayName: 'X', password: 'long enough password', role: 'official' },
        t.adminToken,
      );
      expect(noGov.status).toBe(400);
      expect(JSON.stringify(noGov.body.message)).toContain('governmentId');
      const dup = await t.http.post(
        '/api/v1/users',
        { email: 'new.person@forum.test', displayName: 'Again', password: 'long enough password', role: 'official', governmentId: gov.id },
        t.adminToken,
      );
      expect(dup.status).toBe(409);
      const list = await t.http.get(`/api/v1/users?governmentId=${gov.id}`, t.adminToken);
      expect(list.status).toBe(200);
      expect(list.body.items.map((u: { email: string }) => u.email)).toContain('new.person@forum.test');
    });

    it('are not for officials: 403 on list and create', async () => {
      const gov = await f.government();
      const official = await f.official(gov.id);
      expect((await t.http.get('/api/v1/users', official.token)).status).toBe(403);
      expect(
        (await t.http.post('/api/v1/users', { email: 'y@forum.test', displayName: 'Y', password: 'long enough password', role: 'secretariat' }, official.token))
          .status,
      ).toBe(403);
    });

    it('can be read back in the audit trail by the secretariat only', async () => {
      const gov = await f.government();
      const official = await f.official(gov.id);
      const audit = await t.http.get(`/api/v1/audit?entityType=user&entityId=${official.id}`, t.adminToken);
      expect(audit.status).toBe(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'user.created', entityId: official.id, actorUserId: expect.any(String) });
      expect((await t.http.get('/api/v1/audit', official.token)).status).toBe(403);
    });
  });
});
