import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { checkBothLanguages, describeWithBrowser, ensureWebBuilt, launchBrowser, newContext, signIn } from '../support/web-browser';
import { scaled } from '../support/timeouts';

// generous on a busy machine, and scaled by FORUM_TEST_TIMEOUT_SCALE: the steps wait for conditions
jest.setTimeout(scaled(300_000));

describeWithBrowser('web: action items, live updates, stale versions, accountability', () => {
  let t: TestApp;
  let worker: TestWorker;
  let f: Factories;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    worker = await startTestWorker(t);
    f = new Factories(t);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function pageFor(email: string, password: string): Promise<Page> {
    const context = await newContext(browser, t.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, email, password);
    return page;
  }

  /** Keeps every text the live region shows, in order: a later announcement may replace one between two looks. */
  async function recordAnnouncements(page: Page): Promise<void> {
    await page.evaluate(() => {
      const region = document.querySelector('[data-live-announcer]');
      if (!region) throw new Error('no live region');
      const said: string[] = [];
      (window as unknown as { announced: string[] }).announced = said;
      new MutationObserver(() => said.push((region.textContent ?? '').trim())).observe(region, { subtree: true, childList: true, characterData: true });
    });
  }
  const announcement = (page: Page, text: string) =>
    page.waitForFunction((expected) => (window as unknown as { announced: string[] }).announced.includes(expected), text);

  it('an update made by the lead official appears in the secretariat’s open page within two seconds, announced as theirs in each language', async () => {
    const { body, seats } = await f.bodyWith({ lead: { role: 'member' } });
    const item = await f.actionItem(body.id, seats.lead.government.id, { title: 'Report on interim housing capacity' });
    const [official, secretariat, secretariatFr] = await Promise.all([
      pageFor(seats.lead.official.email, OFFICIAL_PASSWORD),
      pageFor(ADMIN_EMAIL, ADMIN_PASSWORD),
      pageFor(ADMIN_EMAIL, ADMIN_PASSWORD),
    ]);
    await Promise.all([
      official.goto(`/action-items/${item.id}`),
      secretariat.goto(`/action-items/${item.id}`),
      secretariatFr.goto(`/action-items/${item.id}?lang=fr`),
    ]);
    await secretariat.getByTestId('action-item-status').getByText('Not started').waitFor();
    await secretariatFr.getByTestId('action-item-status').getByText('Non commencée').waitFor();
    await official.getByRole('heading', { level: 1, name: 'Report on interim housing capacity' }).waitFor();
    await Promise.all([official, secretariat, secretariatFr].map((p) => p.waitForLoadState('networkidle')));
    await Promise.all([recordAnnouncements(secretariat), recordAnnouncements(secretariatFr)]);

    await official.locator('select#item-status').selectOption('in_progress');
    await official.locator('#item-progress').fill('40');
    await official.getByRole('button', { name: 'Save the update' }).click();
    await official.getByText('The update was saved.').waitFor();
    const savedAt = Date.now();
    await secretariat.getByTestId('action-item-status').getByText('In progress').waitFor({ timeout: 2_000 });
    await secretariat
      .getByTestId('action-item-progress')
      .getByText('40%')
      .waitFor({ timeout: 2_000 - Math.min(1_900, Date.now() - savedAt) });
    // who changed what, for those who cannot see the page change: the lead official's government, by its name
    const { code } = seats.lead.government;
    await announcement(secretariat, `Government ${code} updated action item “Report on interim housing capacity”.`);
    await announcement(secretariatFr, `Le gouvernement ${code} a mis à jour la mesure de suivi « Report on interim housing capacity ».`);
  });

  it('a stale version shows that someone else changed the item and lets me reapply my change', async () => {
    const { body, seats } = await f.bodyWith({ lead: { role: 'member' } });
    const item = await f.actionItem(body.id, seats.lead.government.id, { title: 'Share intake figures with Quebec' });
    const page = await pageFor(seats.lead.official.email, OFFICIAL_PASSWORD);
    await page.goto(`/action-items/${item.id}`);
    await page.getByRole('heading', { level: 1, name: 'Share intake figures with Quebec' }).waitFor();
    await page.locator('select#item-status').selectOption('in_progress');
    await page.locator('#item-progress').fill('25');
    // meanwhile the secretariat moves it on: the official's version is now stale
    await f.moveActionItem(item.id, 'in_progress');

    await page.getByRole('button', { name: 'Save the update' }).click();
    await page.getByText('Someone changed this item while you were editing').waitFor();
    await page.getByTestId('stale-their-changes').getByText('Status: Not started → In progress').waitFor();
    await page.getByRole('button', { name: 'Reapply my changes' }).click();
    await page.getByText('The update was saved.').waitFor();
    const saved = await t.http.get(`/api/v1/action-items/${item.id}`, t.adminToken);
    expect(saved.body).toMatchObject({ status: 'in_progress', progress: 25 });
    await page.getByTestId('action-item-history').getByText('25%').first().waitFor();
    await checkBothLanguages(page, 'action-item');
  });

  it('shows the accountability view per body and per government with its chart, and downloads the CSV report', async () => {
    const { body, seats } = await f.bodyWith({ lead: { role: 'member' } }, { name: 'Accountability test table' });
    await f.actionItem(body.id, seats.lead.government.id, { title: 'Long overdue', dueOn: '2020-01-31' });
    const page = await pageFor(ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto('/accountability');
    const row = page.getByRole('row', { name: /Accountability test table/ });
    await row.getByRole('cell', { name: '1', exact: true }).first().waitFor();
    await page.getByRole('img', { name: /Bar chart of action items/ }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /CSV report of Accountability test table/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await page.locator('select#accountability-view').selectOption('government');
    await page.getByRole('columnheader', { name: 'Government' }).waitFor();
    await checkBothLanguages(page, 'accountability');
  });
});
