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

  it('an update made by the lead official appears in the secretariat’s open page within two seconds', async () => {
    const { body, seats } = await f.bodyWith({ lead: { role: 'member' } });
    const item = await f.actionItem(body.id, seats.lead.government.id, { title: 'Report on interim housing capacity' });
    const [official, secretariat] = await Promise.all([pageFor(seats.lead.official.email, OFFICIAL_PASSWORD), pageFor(ADMIN_EMAIL, ADMIN_PASSWORD)]);
    await Promise.all([official.goto(`/action-items/${item.id}`), secretariat.goto(`/action-items/${item.id}`)]);
    await secretariat.getByTestId('action-item-status').getByText('Not started').waitFor();
    await official.getByRole('heading', { level: 1, name: 'Report on interim housing capacity' }).waitFor();
    await official.waitForLoadState('networkidle');

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
