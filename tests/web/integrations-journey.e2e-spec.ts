import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generate } from 'otplib';
import { Factories } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { checkBothLanguages, describeWithBrowser, ensureWebBuilt, expectAccessible, launchBrowser, newContext, signIn } from '../support/web-browser';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(120_000));

/** Sign-in with a government's account offered on the sign-in page, the second step of a sign-in, and the secretariat's Integrations page. */
describeWithBrowser('web: single sign-on buttons, two-step sign-in and integrations', () => {
  let t: TestApp;
  let f: Factories;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp({ env: { FORUM_ALLOW_HTTP_HOSTS: '127.0.0.1' } }), launchBrowser()]);
    f = new Factories(t);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await t?.close();
  });

  const newPage = async (): Promise<Page> => {
    const context = await newContext(browser, t.baseUrl, { locale: 'en-CA' });
    contexts.push(context);
    return context.newPage();
  };

  it('offers "sign in with your government’s account" for governments with a provider, and asks for the code of an account with two-step sign-in', async () => {
    const gov = await f.government();
    const registered = await t.http.post(
      `/api/v1/governments/${gov.id}/identity-provider`,
      { issuer: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's', emailDomains: ['x.test'] },
      t.adminToken,
    );
    expect(registered.status).toBe(201);
    const official = await f.official(gov.id);
    const { secret } = (await t.http.post('/api/v1/auth/mfa/enrol', {}, official.token)).body;
    await t.http.post('/api/v1/auth/mfa/verify', { code: await generate({ secret }) }, official.token);

    const page = await newPage();
    await page.goto('/login?lang=en');
    const sso = page.getByRole('link', { name: `Sign in with your account at ${gov.nameEn}` });
    await sso.waitFor();
    expect(await sso.getAttribute('href')).toBe(`/api/v1/auth/oidc/${gov.code}/start`);
    await expectAccessible(page, 'sign-in with a government’s account (en)');
    await page.goto('/login?lang=fr');
    await page.getByRole('link', { name: `Se connecter avec votre compte de Gouvernement ${gov.code}` }).waitFor();
    await expectAccessible(page, 'sign-in with a government’s account (fr)');

    await page.goto('/login?lang=en');
    await page.getByLabel('Email address').fill(official.email);
    await page.getByLabel('Password').fill(OFFICIAL_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Two-step sign-in' }).waitFor();
    await page.getByLabel('Code').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'My dashboard' }).waitFor();
  });

  it('lets the secretariat create a service token whose secret is shown once', async () => {
    const page = await newPage();
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto('/integrations?lang=en');
    await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
    await page.getByLabel('Name').first().fill('Open-data portal');
    await page.getByRole('button', { name: 'Create the token' }).click();
    const secret = page.getByTestId('token-secret');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^forum_st_/);
    await page.getByRole('rowheader', { name: 'Open-data portal' }).waitFor();
    await checkBothLanguages(page, 'integrations');
  });
});
