import { generate } from 'otplib';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { Factories } from '../support/factories';

/** the code of the time step `steps` after now (a code is accepted once, so each sign-in needs a fresh step) */
const codeAt = (secret: string, steps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

describe('two-step sign-in (TOTP)', () => {
  let t: TestApp;
  let f: Factories;
  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(() => t?.close());

  it('enrols, verifies, then signs in in two steps; a code is accepted once, guesses are limited, a recovery code works once', async () => {
    const gov = await f.government();
    const official = await f.official(gov.id);

    const enrol = await t.http.post('/api/v1/auth/mfa/enrol', {}, official.token);
    expect(enrol.status).toBe(200);
    expect(enrol.body).toEqual({
      secret: expect.any(String),
      otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\//),
      qrCodeDataUrl: expect.stringMatching(/^data:image\/png;base64,/),
    });
    const secret: string = enrol.body.secret;

    const wrong = await t.http.post('/api/v1/auth/mfa/verify', { code: '000000' === (await codeAt(secret, 0)) ? '111111' : '000000' }, official.token);
    expect(wrong.status).toBe(400);
    expect(wrong.body.reason).toBe('invalid_code');

    const verified = await t.http.post('/api/v1/auth/mfa/verify', { code: await codeAt(secret, 0) }, official.token);
    expect(verified.status).toBe(200);
    expect(verified.body.recoveryCodes).toHaveLength(10);
    const recovery: string = verified.body.recoveryCodes[0];

    // the password alone no longer signs in
    const first = await t.http.post('/api/v1/auth/login', { email: official.email, password: OFFICIAL_PASSWORD });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    expect(first.headers.get('set-cookie') ?? '').not.toMatch(/forum_session|refresh/i);
    // the mfaToken is not a bearer token
    expect((await t.http.get('/api/v1/auth/me', first.body.mfaToken)).status).toBe(401);

    const code = await codeAt(secret, 1);
    const second = await t.http.post('/api/v1/auth/mfa/login', { mfaToken: first.body.mfaToken, code });
    expect(second.status).toBe(200);
    expect(second.body.accessToken).toEqual(expect.any(String));
    expect(second.headers.get('set-cookie')).toBeTruthy();
    expect((await t.http.get('/api/v1/auth/me', second.body.accessToken)).body.email).toBe(official.email);

    // the same code again: refused
    const reuse = await t.http.post('/api/v1/auth/mfa/login', { mfaToken: first.body.mfaToken, code });
    expect(reuse.status).toBe(400);
    expect(reuse.body.reason).toBe('invalid_code');

    // a recovery code signs in once
    const withRecovery = await t.http.post('/api/v1/auth/mfa/login', { mfaToken: first.body.mfaToken, code: recovery });
    expect(withRecovery.status).toBe(200);
    const recoveryAgain = await t.http.post('/api/v1/auth/mfa/login', { mfaToken: first.body.mfaToken, code: recovery });
    expect(recoveryAgain.status).toBe(400);

    // guesses: five are answered, then 429 rate_limited even for the right code
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await t.http.post('/api/v1/auth/mfa/login', { mfaToken: first.body.mfaToken, code: String(100000 + i) })).status);
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    const limited = await t.http.post('/api/v1/auth/mfa/login', { mfaToken: first.body.mfaToken, code: await codeAt(secret, 2) });
    expect(limited.status).toBe(429);
    expect(limited.body.reason).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });

  it('guesses sent at once are all counted', async () => {
    const gov = await f.government();
    const official = await f.official(gov.id);
    const { secret } = (await t.http.post('/api/v1/auth/mfa/enrol', {}, official.token)).body;
    await t.http.post('/api/v1/auth/mfa/verify', { code: await codeAt(secret, 0) }, official.token);
    const { mfaToken } = (await t.http.post('/api/v1/auth/login', { email: official.email, password: OFFICIAL_PASSWORD })).body;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => t.http.post('/api/v1/auth/mfa/login', { mfaToken, code: String(200000 + i) })));
    expect(results.filter((r) => r.status === 400)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(7);
  });

  it('with FORUM_REQUIRE_MFA=secretariat a secretariat login answers mfaEnrolmentRequired, good only for enrolling', async () => {
    const strict = await startTestApp({ env: { FORUM_REQUIRE_MFA: 'secretariat' } });
    try {
      const login = await strict.http.post('/api/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body).toEqual({ mfaEnrolmentRequired: true, mfaToken: expect.any(String) });
      const { mfaToken } = login.body;
      // not a bearer token, and not a second step
      expect((await strict.http.get('/api/v1/auth/me', mfaToken)).status).toBe(401);
      expect((await strict.http.post('/api/v1/auth/mfa/login', { mfaToken, code: '123456' })).status).toBe(401);
      const enrol = await strict.http.post('/api/v1/auth/mfa/enrol', { mfaToken });
      expect(enrol.status).toBe(200);
      const verified = await strict.http.post('/api/v1/auth/mfa/verify', { mfaToken, code: await codeAt(enrol.body.secret, 0) });
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ recoveryCodes: expect.any(Array), accessToken: expect.any(String), user: { role: 'secretariat' } });
      // from now on the login asks for the code
      const again = await strict.http.post('/api/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      expect(again.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    } finally {
      await strict.close();
    }
  });
});
