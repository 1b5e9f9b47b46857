import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import {
  describeWithBrowser,
  ensureWebBuilt,
  expectAccessible,
  expectNoHorizontalScroll,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
} from '../support/web-browser';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(300_000));

type Lang = 'en' | 'fr';
const PHONE = { width: 390, height: 844 };

/** Opens a page in a language and waits until it shows its h1 and names itself after it in the title. */
async function open(page: Page, path: string, lang: Lang): Promise<{ title: string; heading: string }> {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  await page.goto(url.pathname + url.search);
  await page.waitForFunction(() => {
    const heading = document.querySelector('#main-content [data-page-heading]');
    const text = heading?.textContent?.replace(/\s+/g, ' ').trim();
    return !!text && document.title === `${text} — Forum`;
  });
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => ({
    title: document.title,
    heading: document.querySelector('#main-content [data-page-heading]')!.textContent!.replace(/\s+/g, ' ').trim(),
  }));
}

describeWithBrowser('web: page furniture (titles, focus, 404 pages, reflow at 390 px)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
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

  // every page of every role (titles, sideways scroll, axe) is swept by every-page.e2e-spec.ts

  it('loads only what the sign-in page shows, in three scripts: no French dictionary in English, no live-update client, no search box', async () => {
    const scripts: Promise<string>[] = [];
    const scriptUrls: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scriptUrls.push(new URL(response.url()).pathname);
      scripts.push(response.text().catch(() => ''));
    });
    const loaded = async (marker: string) => (await Promise.all(scripts)).some((code) => code.includes(marker));
    const searchBoxDefined = () => page.evaluate(() => customElements.get('gcds-search') !== undefined);

    await open(page, '/login', 'en');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await loaded('Forum intergouvernemental')).toBe(false);
    expect(await loaded('engine.io')).toBe(false);
    expect(await searchBoxDefined()).toBe(false);
    // in as few scripts as the bundler allows (each is a round trip on a slow phone): session-start.js, the entry, its runtime
    expect(scriptUrls).toHaveLength(3);

    // the same page in French brings its dictionary
    await open(page, '/login', 'fr');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await loaded('Forum intergouvernemental')).toBe(true);

    // signed in, the live updates and the header's search box come
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.locator('gcds-search').waitFor();
    await page.waitForFunction(() => customElements.get('gcds-search') !== undefined);
    await page.waitForLoadState('networkidle');
    expect(await loaded('engine.io')).toBe(true);
  });

  it('leaves the skip link first on load, and puts focus on the new h1 after a navigation', async () => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await open(page, '/bodies', 'en');
    // a fresh load: the first Tab reaches the skip link
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return `${el?.tagName.toLowerCase()} ${el?.getAttribute('href') ?? ''} ${el?.textContent?.trim() ?? ''}`;
    });
    expect(first).toMatch(/#main-content/);

    await page.getByRole('link', { name: 'Meetings', exact: true }).first().click();
    await page.waitForFunction(() => document.title === 'Meetings — Forum');
    await page.waitForFunction(() => {
      const host = document.activeElement;
      return host?.matches('[data-page-heading]') && host.shadowRoot?.activeElement?.tagName === 'H1';
    });
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Meetings');
  });

  it('fails an axe check on a page with serious violations, naming each rule (the check every journey relies on)', async () => {
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>Bad page</title></head><body><main><h1>Bad page</h1>' +
        '<img src="/favicon.ico"><p style="color:#bbb;background:#fff">Hard to read</p><button></button></main></body></html>',
    );
    const failure = await expectAccessible(page, 'a bad page').then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/accessibility violations on a bad page/);
    for (const rule of ['image-alt', 'color-contrast', 'button-name']) expect(failure).toContain(rule);
  });

  // (their axe runs, at both widths in both languages, are in every-page.e2e-spec.ts)
  it('answers /en, /fr and unknown addresses with a page that has a language and a title, in both languages', async () => {
    for (const viewport of [{ width: 1280, height: 900 }, PHONE]) {
      await page.setViewportSize(viewport);
      for (const lang of ['en', 'fr'] as const) {
        // /en and /fr open the app in that language (signed out: its sign-in page)
        const home = await page.goto(`/${lang}`);
        expect(home!.status()).toBe(200);
        expect(home!.headers()['content-type']).toMatch(/^text\/html/);
        await page.getByRole('heading', { level: 1, name: lang === 'fr' ? 'Connexion' : 'Sign in' }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        expect(await page.title()).toBe(lang === 'fr' ? 'Connexion — Forum' : 'Sign in — Forum');
        await expectNoHorizontalScroll(page, `/${lang}`);

        const missing = await page.goto(`/${lang}/no-such-page?lang=${lang}`);
        expect(missing!.status()).toBe(404);
        expect(missing!.headers()['content-type']).toMatch(/^text\/html/);
        await page.getByRole('heading', { level: 1, name: lang === 'fr' ? 'Page introuvable' : 'Page not found' }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        expect(await page.title()).toBe(lang === 'fr' ? 'Page introuvable — Forum' : 'Page not found — Forum');
        await page.getByRole('link', { name: lang === 'fr' ? 'Aller à la page d’accueil du Forum' : 'Go to the Forum’s home page' }).waitFor();
        await expectNoHorizontalScroll(page, `unknown address (${lang})`);
      }
    }
    const other = await page.goto('/completely/unknown?lang=fr');
    expect(other!.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await screenshot(page, 'furniture-404-fr');
    // the API's own unknown routes stay JSON
    const api = await page.request.get('/api/v1/no-such-route');
    expect(api.status()).toBe(404);
    expect(api.headers()['content-type']).toMatch(/json/);
  });
});
