import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemoData } from '../../apps/api/src/demo/demo-data';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-governments';
import { startTestApp, TestApp } from '../support/test-app';
import { checkBothLanguages, describeWithBrowser, ensureWebBuilt, launchBrowser, newContext, screenshot, signIn } from '../support/web-browser';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(120_000));

/**
 * The common picture as an official sees it: the demo's RCMP interceptions drawn as a chart with the
 * thresholds, the same figures in a table, the July 2017 surge alert, and a figure reported from the form.
 */
describeWithBrowser('web: shared indicators', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await loadDemoData(t.app);
    context = await newContext(browser, t.baseUrl);
    page = await context.newPage();
  }, 240_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('draws the series with its thresholds, and the table alternative holds the same figures', async () => {
    await signIn(page, 'official.mb@forum.demo', DEMO_PASSWORD);
    await page.goto('/indicators');
    await page.getByRole('link', { name: 'RCMP interceptions between ports of entry' }).click();
    await page.getByRole('heading', { level: 1, name: 'RCMP interceptions between ports of entry' }).waitFor();
    await page.locator('.indicator-chart canvas').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'indicator-chart');

    const login = await t.http.post('/api/v1/auth/login', { email: 'official.mb@forum.demo', password: DEMO_PASSWORD });
    const list = await t.http.get('/api/v1/indicators', login.body.accessToken);
    const id = list.body.items.find((i: { code: string }) => i.code === 'rcmp-interceptions').id;
    const series = await t.http.get(`/api/v1/indicators/${id}/series`, login.body.accessToken);
    const rows = await page
      .locator('[data-testid="series-table"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').replace(/\s/g, ''))));
    const reported = series.body.items.filter((p: { total: number | null }) => p.total !== null);
    expect(rows).toHaveLength(reported.length);
    const totalColumn = 1 + series.body.governments.length;
    const format = (n: number | null) => (n === null ? '—' : new Intl.NumberFormat('en-CA').format(n).replace(/\s/g, ''));
    const expected = [...reported].reverse().map((p: { total: number | null }) => format(p.total));
    expect(rows.map((r) => r[totalColumn])).toEqual(expected);
    await expect(page.locator('tr.latest-row th').textContent()).resolves.toContain('November 2026');
    await page.locator('ul.alerts > li', { hasText: 'July 2017' }).getByText('Surge').waitFor();
  });

  it('takes a figure from the official’s own government and shows it in the table', async () => {
    await page.getByRole('textbox', { name: 'Month', exact: true }).fill('2026-10');
    await page
      .getByRole('spinbutton', { name: 'Figure (people)' })
      .or(page.getByRole('textbox', { name: 'Figure (people)' }))
      .fill('44');
    await page.getByRole('button', { name: 'Save the figure' }).click();
    await page.getByText('The figure was saved.').waitFor();
    await page.locator('[data-testid="series-table"] tr', { hasText: 'October 2026' }).getByText('44', { exact: true }).waitFor();
  });

  it('is accessible in both languages', async () => {
    await checkBothLanguages(page, 'indicator');
    await page.goto('/indicators?lang=fr');
    await page.getByRole('heading', { level: 1, name: 'Indicateurs communs' }).waitFor();
  });
});
