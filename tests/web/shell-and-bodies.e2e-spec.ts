import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { checkBothLanguages, describeWithBrowser, ensureWebBuilt, launchBrowser, newContext, signIn } from '../support/web-browser';
import { scaled } from '../support/timeouts';

// generous on a busy machine, and scaled by FORUM_TEST_TIMEOUT_SCALE: the steps wait for conditions
jest.setTimeout(scaled(300_000));

describeWithBrowser('web: shell, bodies directory, membership and join requests', () => {
  let t: TestApp;
  let f: Factories;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    f = new Factories(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    context = await newContext(browser, t.baseUrl);
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  it('serves the app on the API port without shadowing the API', async () => {
    const shell = await t.http.get('/bodies/anything');
    expect(shell.status).toBe(200);
    expect(shell.text).toContain('<div id="root">');
    expect((await t.http.get('/api/v1/health')).status).toBe(200);
    expect((await t.http.get('/api/v1/no-such-route', t.adminToken)).status).toBe(404);
  });

  it('refuses a wrong password next to the form, then signs in and out; the toggle keeps the page', async () => {
    await page.goto('/login');
    await page.getByLabel('Email address').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email address or password is incorrect.').waitFor();
    await checkBothLanguages(page, 'login');

    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByText(/0 unread notifications/).waitFor();
    await checkBothLanguages(page, 'dashboard');

    await page.goto('/bodies?lang=en');
    await page.getByRole('heading', { level: 1, name: 'Bodies of the forum' }).waitFor();
    await page.getByRole('link', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Instances du forum' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/bodies');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
  });

  it('secretariat creates a body, adds members, sets a co-chair and ends a membership, keeping history', async () => {
    const federal = await f.government({ level: 'federal', nameEn: 'Government of Canada', nameFr: 'Gouvernement du Canada' });
    const ontario = await f.government({ level: 'provincial', nameEn: 'Ontario', nameFr: 'Ontario' });
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto('/bodies');
    await page.getByRole('button', { name: 'Create the body' }).click();
    await page.getByText('Enter a name of at least 2 characters.').waitFor();
    await page.getByLabel('Name (English)').fill('Working Group on Asylum and Irregular Migration');
    await page.getByLabel('Name (French)').fill("Groupe de travail sur l'asile et la migration irrégulière");
    await page.getByRole('button', { name: 'Create the body' }).click();
    await page.getByRole('heading', { level: 1, name: 'Working Group on Asylum and Irregular Migration' }).waitFor();
    const bodyId = new URL(page.url()).pathname.split('/').pop()!;

    for (const name of ['Government of Canada', 'Ontario']) {
      await page.locator('select#member-government').selectOption({ label: name });
      await page.getByRole('button', { name: 'Add the member' }).click();
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    await page.getByRole('button', { name: 'Make Government of Canada co-chair' }).click();
    // as a user would: the first change is seen done before the second is asked for
    await page.getByRole('button', { name: 'Make Government of Canada co-chair' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Make Ontario co-chair' }).click();
    await page.getByRole('button', { name: 'Make Ontario co-chair' }).waitFor({ state: 'detached' });
    const members = await t.http.get(`/api/v1/bodies/${bodyId}/members`, t.adminToken);
    expect(members.body.items.map((m: { governmentId: string; role: string }) => [m.governmentId, m.role]).sort()).toEqual(
      [
        [federal.id, 'co_chair'],
        [ontario.id, 'co_chair'],
      ].sort(),
    );
    await checkBothLanguages(page, 'body-detail');

    await page.goto(`/bodies/${bodyId}?lang=en`);
    await page.getByRole('button', { name: 'End membership of Ontario' }).click();
    await page.getByRole('dialog', { name: 'End the membership of Ontario?' }).getByRole('button', { name: 'End the membership of Ontario' }).click();
    await page.getByRole('heading', { name: 'Former members' }).waitFor();
    const all = await t.http.get(`/api/v1/bodies/${bodyId}/members?includeEnded=true`, t.adminToken);
    // the co-chair changes were made in place: the only ended seat is the one ended here
    expect(all.body.items.filter((m: { endedAt: string | null }) => m.endedAt).map((m: { governmentId: string }) => m.governmentId)).toEqual([ontario.id]);
  });

  it('a municipal official asks to join a working group; the secretariat approves; the official sees the decision', async () => {
    const body = await f.body({ name: 'Settlement and Integration Working Group' });
    const toronto = await f.government({ level: 'municipal', nameEn: 'City of Toronto', nameFr: 'Ville de Toronto', code: `TOR${Date.now() % 1000}` });
    const official = await f.official(toronto.id);
    await signIn(page, official.email, OFFICIAL_PASSWORD);
    await page.getByRole('link', { name: 'Join a working group' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Join a working group' }).waitFor();
    await checkBothLanguages(page, 'join-requests');
    await page.goto('/join-requests?lang=en');
    await page.getByRole('link', { name: 'Settlement and Integration Working Group' }).click();
    await page.getByLabel('Message to the secretariat (optional)').fill('Toronto received most claimants in 2018.');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText('Your request was sent.').waitFor();

    const admin = await newContext(browser, t.baseUrl);
    const adminPage = await admin.newPage();
    await signIn(adminPage, ADMIN_EMAIL, ADMIN_PASSWORD);
    await adminPage.goto(`/bodies/${body.id}`);
    await adminPage.getByText('Toronto received most claimants in 2018.').waitFor();
    await adminPage.getByLabel('Reason for the decision on City of Toronto (optional)').fill('Welcome to the table.');
    await adminPage.getByRole('button', { name: 'Approve City of Toronto' }).click();
    await adminPage.getByRole('cell', { name: 'City of Toronto', exact: true }).waitFor();
    await admin.close();

    await page.goto('/join-requests');
    await page.getByTestId(`join-status-${body.id}`).getByText('Approved').waitFor();
    await page.getByText('Welcome to the table.').waitFor();
  });
});
