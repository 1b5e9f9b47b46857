import { ADMIN_EMAIL, startTestApp, TestApp } from '../support/test-app';
import { Factories, TestGovernment } from '../support/factories';
import { startOidcProvider, TestOidcProvider } from '../support/test-oidc-provider';

const PUBLIC_BASE_URL = 'http://forum.test';
const REDIRECT_URI = `${PUBLIC_BASE_URL}/api/v1/auth/oidc/callback`;

/** The cookies of one origin, as a browser keeps them (enough for the provider's interaction). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair.split('=');
      if (/max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string) {
    return this.cookies.get(name);
  }
}

describe('single sign-on with a government’s OpenID Connect provider', () => {
  let t: TestApp;
  let f: Factories;
  let idp: TestOidcProvider;
  let ontario: TestGovernment;
  let quebec: TestGovernment;
  let official: { id: string; email: string };
  let quebecOfficial: { id: string; email: string };

  beforeAll(async () => {
    idp = await startOidcProvider(REDIRECT_URI, {
      'alex-on': { email: 'alex@ontario.test', email_verified: true },
      'alex-on-twin': { email: 'alex@ontario.test', email_verified: true },
      'qc-person': { email: 'camille@quebec.test', email_verified: true },
      unverified: { email: 'sam@ontario.test', email_verified: false },
      newcomer: { email: 'newcomer@ontario.test', email_verified: true },
    });
    t = await startTestApp({ env: { PUBLIC_BASE_URL, FORUM_ALLOW_HTTP_HOSTS: '127.0.0.1' } });
    f = new Factories(t);
    ontario = await f.government();
    quebec = await f.government();
    official = await f.official(ontario.id, { email: 'alex@ontario.test' });
    await f.official(ontario.id, { email: 'sam@ontario.test' });
    quebecOfficial = await f.official(quebec.id, { email: 'camille@quebec.test' });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  /** Start → the provider (auto-login as `accountId`, auto-consent) → the callback URL the provider redirects to. */
  async function throughProvider(governmentCode: string, accountId: string): Promise<{ callback: URL; stateCookie: string }> {
    await idp.signInAs(accountId);
    const start = await fetch(`${t.baseUrl}/api/v1/auth/oidc/${governmentCode}/start`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const stateCookie = start.headers
      .getSetCookie()
      .find((c) => c.startsWith('forum_oidc_state='))!
      .split(';')[0];
    let location = start.headers.get('location')!;
    expect(location.startsWith(idp.issuer)).toBe(true);
    const authorize = new URL(location);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const jar = new CookieJar();
    for (let hop = 0; hop < 10 && !location.startsWith(PUBLIC_BASE_URL); hop++) {
      const res = await fetch(new URL(location, idp.issuer), { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.take(res);
      if (res.status < 300 || res.status >= 400) throw new Error(`provider answered ${res.status}: ${await res.text()}`);
      location = res.headers.get('location')!;
    }
    return { callback: new URL(location), stateCookie };
  }

  const callback = (url: URL, cookie: string) => fetch(`${t.baseUrl}${url.pathname}${url.search}`, { redirect: 'manual', headers: { cookie } });

  it('registers one provider per government (secretariat), the client secret encrypted at rest', async () => {
    const body = { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, emailDomains: ['ontario.test'] };
    const someone = await f.official(ontario.id);
    expect((await t.http.post(`/api/v1/governments/${ontario.id}/identity-provider`, body, someone.token)).status).toBe(403);
    const created = await t.http.post(`/api/v1/governments/${ontario.id}/identity-provider`, body, t.adminToken);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      governmentId: ontario.id,
      issuer: idp.issuer,
      clientId: idp.clientId,
      emailDomains: ['ontario.test'],
      passwordLogin: true,
    });
    expect(created.body.clientSecret).toBeUndefined();
    const again = await t.http.post(`/api/v1/governments/${ontario.id}/identity-provider`, body, t.adminToken);
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('duplicate');
    const stored = await t.dataSource.query(`SELECT client_secret_sealed FROM identity_provider WHERE government_id = $1`, [ontario.id]);
    expect(stored[0].client_secret_sealed).not.toContain(idp.clientSecret);
    // a private address outside FORUM_ALLOW_HTTP_HOSTS is refused
    const privateIssuer = await t.http.post(`/api/v1/governments/${quebec.id}/identity-provider`, { ...body, issuer: 'https://10.1.2.3' }, t.adminToken);
    expect(privateIssuer.status).toBe(400);
    const providers = await t.http.get('/api/v1/auth/oidc/providers');
    expect(providers.body).toEqual([{ code: ontario.code, nameEn: ontario.nameEn, nameFr: expect.any(String) }]);
    // a government without one: 404
    expect((await fetch(`${t.baseUrl}/api/v1/auth/oidc/${quebec.code}/start`, { redirect: 'manual' })).status).toBe(404);
  });

  it('signs in the official whose verified email belongs to that government, links the sub, sets the session cookie and goes to the web app', async () => {
    const { callback: url, stateCookie } = await throughProvider(ontario.code, 'alex-on');
    const res = await callback(url, stateCookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${PUBLIC_BASE_URL}/`);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('forum_session='))!;
    expect(session).toMatch(/HttpOnly/);
    const refreshed = await fetch(`${t.baseUrl}/api/v1/auth/refresh`, { method: 'POST', headers: { cookie: session.split(';')[0] } });
    expect(refreshed.status).toBe(200);
    expect((await refreshed.json()).user).toMatchObject({ id: official.id, email: 'alex@ontario.test' });
    const link = await t.dataSource.query(`SELECT subject FROM oidc_link WHERE user_id = $1`, [official.id]);
    expect(link[0].subject).toBe('alex-on');

    // replaying the same callback (the same code and state) is refused
    const replay = await callback(url, stateCookie);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toMatch(/Sign-in failed[\s\S]*Échec de la connexion/);

    // the used code with a fresh, valid state: the provider refuses it (and its PKCE verifier is another's)
    const fresh = await throughProvider(ontario.code, 'alex-on');
    const reused = new URL(fresh.callback);
    reused.searchParams.set('code', url.searchParams.get('code')!);
    expect((await callback(reused, fresh.stateCookie)).status).toBe(400);

    // another identity at the provider with the same email: the linked sub is required
    const twin = await throughProvider(ontario.code, 'alex-on-twin');
    expect((await callback(twin.callback, twin.stateCookie)).status).toBe(403);
  });

  it('refuses a verified email of another government’s account, an unverified email and a tampered state', async () => {
    const other = await throughProvider(ontario.code, 'qc-person');
    const refused = await callback(other.callback, other.stateCookie);
    expect(refused.status).toBe(403);
    expect(refused.headers.getSetCookie().some((c) => c.startsWith('forum_session='))).toBe(false);
    expect(await t.dataSource.query(`SELECT 1 FROM oidc_link WHERE user_id = $1`, [quebecOfficial.id])).toHaveLength(0);

    const unverified = await throughProvider(ontario.code, 'unverified');
    const res = await callback(unverified.callback, unverified.stateCookie);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/not verified[\s\S]*pas vérifié/);

    const honest = await throughProvider(ontario.code, 'alex-on');
    const tampered = new URL(honest.callback);
    tampered.searchParams.set('state', honest.callback.searchParams.get('state')! + 'x');
    expect((await callback(tampered, honest.stateCookie)).status).toBe(400);
    // a state from another browser (no matching cookie) is refused too
    const stolen = await throughProvider(ontario.code, 'alex-on');
    expect((await callback(stolen.callback, 'forum_oidc_state=someone-else')).status).toBe(400);
  });

  it('creates the account on first sign-in only where allowed, and passwordLogin: false stops password sign-in', async () => {
    const first = await throughProvider(ontario.code, 'newcomer');
    expect((await callback(first.callback, first.stateCookie)).status).toBe(403);
    const put = await t.http.request('PUT', `/api/v1/governments/${ontario.id}/identity-provider`, {
      token: t.adminToken,
      body: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        emailDomains: ['ontario.test'],
        createAccounts: true,
        passwordLogin: false,
      },
    });
    expect(put.status).toBe(200);
    const second = await throughProvider(ontario.code, 'newcomer');
    expect((await callback(second.callback, second.stateCookie)).status).toBe(302);
    const created = await t.dataSource.query(`SELECT role, government_id FROM user_account WHERE email = 'newcomer@ontario.test'`);
    expect(created[0]).toEqual({ role: 'official', government_id: ontario.id });

    const password = await t.http.post('/api/v1/auth/login', { email: 'sam@ontario.test', password: 'official password 123' });
    expect(password.status).toBe(403);
    // the secretariat still signs in with its password
    expect((await t.http.post('/api/v1/auth/login', { email: ADMIN_EMAIL, password: 'correct horse battery staple' })).status).toBe(200);
  });

  it('answers 503, not 500, when a government’s provider does not answer', async () => {
    const gov = await f.government();
    const created = await t.http.post(
      `/api/v1/governments/${gov.id}/identity-provider`,
      { issuer: 'http://127.0.0.1:1', clientId: 'x', clientSecret: 'y', emailDomains: ['x.test'] },
      t.adminToken,
    );
    expect(created.status).toBe(201);
    const start = await fetch(`${t.baseUrl}/api/v1/auth/oidc/${gov.code}/start`, { redirect: 'manual' });
    expect(start.status).toBe(503);
    expect((await t.http.request('DELETE', `/api/v1/governments/${gov.id}/identity-provider`, { token: t.adminToken })).status).toBe(204);
    expect((await t.http.get(`/api/v1/governments/${gov.id}/identity-provider`, t.adminToken)).status).toBe(404);
  });
});
