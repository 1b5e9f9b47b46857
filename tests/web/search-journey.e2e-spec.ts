import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories, TestOfficial } from '../support/factories';
import { OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { checkBothLanguages, describeWithBrowser, ensureWebBuilt, launchBrowser, newContext, screenshot, signIn } from '../support/web-browser';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(120_000));

/** An official looks for "what we said about per-claimant funding": the header's box, the grouped results, both languages. */
describeWithBrowser('web: search', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let official: TestOfficial;
  let itemId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const f = new Factories(t);
    const { body, seats } = await f.bodyWith({ on: { role: 'member' } });
    official = seats.on.official;
    itemId = (
      await f.actionItem(body.id, seats.on.government.id, {
        title: 'Per-claimant funding formula',
        description: 'Costs recovered per claimant, with <evidence> of services.',
      })
    ).id;
    await t.http.post(
      '/api/v1/communiques',
      {
        bodyId: body.id,
        titleEn: 'Funding for reception',
        titleFr: 'Financement de l’accueil',
        bodyEn: 'A per claimant formula.',
        bodyFr: 'Une formule par demandeur.',
      },
      t.adminToken,
    );
    context = await newContext(browser, t.baseUrl);
    page = await context.newPage();
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('opens the search box with "/", groups the hits by type and links each to its place', async () => {
    await signIn(page, official.email, OFFICIAL_PASSWORD);
    await page.keyboard.press('/');
    await page.keyboard.type('claimant fund');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Search: claimant fund' }).waitFor();
    await page.getByTestId('search-total').getByText('2 results').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Action items' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Communiqués' }).waitFor();
    const marks = await page.locator('.snippet mark').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['claimant']));
    await expect(page.locator('.snippet').first().innerHTML()).resolves.not.toContain('<evidence>');
    await screenshot(page, 'search-results');
    await page.getByRole('link', { name: 'Per-claimant funding formula' }).click();
    await page.waitForURL(`**/action-items/${itemId}`);
  });

  it('filters by type, and reads in French', async () => {
    await page.goto('/search?q=claimant&types=communique');
    await page.getByTestId('search-total').getByText('1 result').waitFor();
    await page.goto('/search?q=demandeur&lang=fr');
    await page.getByRole('heading', { level: 1, name: 'Recherche : demandeur' }).waitFor();
    // the content is in the reader's language (the account's), the page around it in the language chosen
    await page.getByRole('heading', { level: 2, name: 'Communiqués' }).waitFor();
    await page.getByTestId('search-total').getByText('1 résultat').waitFor();
    await checkBothLanguages(page, 'search');
  });
});
