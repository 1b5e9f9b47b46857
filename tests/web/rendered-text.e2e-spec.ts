import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { scaled } from '../support/timeouts';
import { describeWithBrowser, ensureWebBuilt, expectAccessible, launchBrowser, newContext, signIn } from '../support/web-browser';

jest.setTimeout(scaled(180_000));

const BODY_EN = 'Ministers will meet **weekly** until the spring.\n\nThey agreed to:\n\n- share the costs of interim housing\n- report monthly';
const BODY_FR = 'Les ministres se réuniront *chaque semaine* jusqu’au printemps.';

/**
 * What people typed in Markdown is shown rendered, never as `**weekly**`: communiqués and minutes, in both
 * languages, and an editor's preview, all from the API's one renderer.
 */
describeWithBrowser('web: rendered Markdown in the record and the editors', () => {
  let t: TestApp;
  let f: Factories;
  let browser: Browser;
  let communiqueId: string;
  let meetingId: string;
  let officialEmail: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    f = new Factories(t);
    const { body, seats } = await f.bodyWith({ on: { role: 'member', since: '2020-01-01' } });
    officialEmail = seats.on.official.email;
    const created = await t.http.post(
      '/api/v1/communiques',
      { bodyId: body.id, titleEn: 'Task force meets', titleFr: 'Le groupe se réunit', bodyEn: BODY_EN, bodyFr: BODY_FR },
      t.adminToken,
    );
    expect(created.status).toBe(201);
    communiqueId = created.body.id;
    const meeting = await f.meeting(body.id, { startsAt: new Date('2024-03-01T14:00:00Z'), endsAt: new Date('2024-03-01T16:00:00Z') });
    meetingId = meeting.id;
    expect(
      (
        await t.http.request('PUT', `/api/v1/meetings/${meetingId}/minutes`, {
          token: t.adminToken,
          body: { textEn: 'Members met **weekly**.\n\nSecond paragraph.', textFr: 'Les membres se sont réunis *chaque semaine*.' },
        })
      ).status,
    ).toBe(200);
    expect((await t.http.post(`/api/v1/meetings/${meetingId}/minutes/circulate`, {}, t.adminToken)).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function pageFor(email: string, password: string, lang: 'en' | 'fr' = 'en'): Promise<Page> {
    const context = await newContext(browser, t.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, email, password, lang);
    return page;
  }

  it('shows a communiqué rendered in each language, with no Markdown left showing', async () => {
    const page = await pageFor(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/communiques/${communiqueId}?lang=en`);
    const en = page.getByTestId('communique-text-en');
    await en.locator('strong', { hasText: 'weekly' }).waitFor();
    expect(await en.locator('li').allTextContents()).toEqual(['share the costs of interim housing', 'report monthly']);
    expect(await en.locator('p').count()).toBe(2);
    expect(await en.textContent()).not.toContain('**');
    await page.getByTestId('communique-text-fr').locator('em', { hasText: 'chaque semaine' }).waitFor();
    await expectAccessible(page, 'communiqué with rendered text');
  });

  it('previews what an author types, as it will be published', async () => {
    const page = await pageFor(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto('/communiques?lang=en');
    await page.locator('textarea#body-en').fill('A **bold** start.\n\n- first point');
    await page.getByRole('button', { name: 'Preview: Text (English, Markdown)' }).click();
    const preview = page.getByTestId('body-en-preview');
    await preview.locator('strong', { hasText: 'bold' }).waitFor();
    expect(await preview.locator('li').allTextContents()).toEqual(['first point']);
    // a changed text hides a stale preview until it is asked for again
    await page.locator('textarea#body-en').fill('Changed.');
    await preview.waitFor({ state: 'detached' });
    await expectAccessible(page, 'communiqué editor with a preview');
  });

  it('shows circulated minutes rendered to a member official, in French too', async () => {
    const page = await pageFor(officialEmail, OFFICIAL_PASSWORD, 'fr');
    await page.goto(`/meetings/${meetingId}?lang=fr`);
    const minutes = page.getByTestId('minutes-text');
    await minutes.locator('em', { hasText: 'chaque semaine' }).waitFor();
    expect(await minutes.textContent()).not.toContain('*');
    await page.goto(`/meetings/${meetingId}?lang=en`);
    await minutes.locator('strong', { hasText: 'weekly' }).waitFor();
    expect(await minutes.locator('p').allTextContents()).toEqual(['Members met weekly.', 'Second paragraph.']);
  });
});
