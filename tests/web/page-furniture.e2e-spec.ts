import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories, TestOfficial } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { describeWithBrowser, ensureWebBuilt, expectAccessible, launchBrowser, newContext, screenshot, signIn } from '../support/web-browser';
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
  return page.evaluate(() => ({ title: document.title, heading: document.querySelector('#main-content [data-page-heading]')!.textContent!.replace(/\s+/g, ' ').trim() }));
}

/** WCAG 1.4.10: nothing but the content's own scroll containers may be wider than the window. */
async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    const width = window.innerWidth;
    // the elements that stick out, to say what to fix
    const out = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.table-scroll'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ')[0]} → ${Math.round(el.getBoundingClientRect().right)}px`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, widest: out };
  });
  if (scrollWidth > innerWidth) throw new Error(`${label} scrolls horizontally at ${innerWidth}px: ${scrollWidth}px wide (${widest.join(', ')})`);
}

describeWithBrowser('web: page furniture (titles, focus, 404 pages, reflow at 390 px)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let official: TestOfficial;
  let bodyId: string;
  let meetingId: string;
  let itemId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const f = new Factories(t);
    const { body, seats } = await f.bodyWith(
      { fed: { level: 'federal', role: 'co_chair' }, prov: { role: 'co_chair' }, other: { role: 'member', timeZone: 'America/Winnipeg' } },
      { name: 'Federal-Provincial-Territorial Working Group on Interprovincial Labour Mobility and Credential Recognition', nameFr: 'Groupe de travail fédéral-provincial-territorial sur la mobilité de la main-d’œuvre et la reconnaissance des titres de compétences', kind: 'working_group' },
    );
    bodyId = body.id;
    official = seats.prov.official;
    meetingId = (await f.meeting(bodyId, { title: 'Spring meeting of the working group on labour mobility', titleFr: 'Réunion du printemps du groupe de travail sur la mobilité' })).id;
    itemId = (
      await f.actionItem(bodyId, seats.prov.government.id, {
        title: 'Report the interprovincial credential recognition backlog by occupation',
        titleFr: 'Rendre compte de l’arriéré de reconnaissance des titres par profession',
        supportingGovernmentIds: [seats.fed.government.id, seats.other.government.id],
      })
    ).id;
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

  const secretariatPages = () => [
    '/',
    '/bodies',
    `/bodies/${bodyId}`,
    `/bodies/${bodyId}/funding`,
    '/meetings',
    `/meetings/${meetingId}`,
    '/action-items',
    `/action-items/${itemId}`,
    '/accountability',
    '/communiques',
    '/indicators',
    '/search?q=mobility',
    '/notifications',
    '/people',
    '/translations',
  ];
  const officialPages = () => ['/', '/bodies', `/bodies/${bodyId}`, '/meetings', `/meetings/${meetingId}`, '/action-items', `/action-items/${itemId}`, '/accountability', '/communiques', '/join-requests', '/notifications'];

  for (const [role, pages] of [
    ['secretariat', secretariatPages],
    ['official', officialPages],
  ] as const) {
    it(`gives every page of the ${role} its own title in its language; none scrolls sideways at 390 px, each passes axe there`, async () => {
      const [email, password] = role === 'secretariat' ? [ADMIN_EMAIL, ADMIN_PASSWORD] : [official.email, OFFICIAL_PASSWORD];
      const titles = new Map<string, string>();
      for (const lang of ['en', 'fr'] as const) {
        // a browser of its own per language: nothing of the other language's session is left
        await context.close();
        context = await newContext(browser, t.baseUrl);
        page = await context.newPage();
        await page.setViewportSize(PHONE);
        if (lang === 'en') {
          const signInPage = await open(page, '/login', lang);
          titles.set(signInPage.title, `/login (${lang})`);
          await expectNoHorizontalScroll(page, `/login (${lang})`);
        }
        await signIn(page, email, password, lang);
        for (const path of pages()) {
          const label = `${path} (${lang}, ${role})`;
          const { title, heading } = await open(page, path, lang);
          expect(title).toBe(`${heading} — Forum`);
          if (titles.has(title)) throw new Error(`${label} has the same title as ${titles.get(title)}: "${title}"`);
          titles.set(title, label);
          await expectNoHorizontalScroll(page, label);
          await expectAccessible(page, `${label} at 390 px`);
        }
        await screenshot(page, `furniture-390-${role}-${lang}`);
      }
      if (role === 'secretariat') {
        expect(titles.has('Meetings — Forum')).toBe(true);
        expect(titles.has('Réunions — Forum')).toBe(true);
      }
    });
  }

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

  it('answers /en, /fr and unknown addresses with a page that has a language and a title, accessible in both languages', async () => {
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
        await expectAccessible(page, `/${lang} (${viewport.width}px)`);
        await expectNoHorizontalScroll(page, `/${lang}`);

        const missing = await page.goto(`/${lang}/no-such-page?lang=${lang}`);
        expect(missing!.status()).toBe(404);
        expect(missing!.headers()['content-type']).toMatch(/^text\/html/);
        await page.getByRole('heading', { level: 1, name: lang === 'fr' ? 'Page introuvable' : 'Page not found' }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        expect(await page.title()).toBe(lang === 'fr' ? 'Page introuvable — Forum' : 'Page not found — Forum');
        await page.getByRole('link', { name: lang === 'fr' ? 'Aller à la page d’accueil du Forum' : 'Go to the Forum’s home page' }).waitFor();
        await expectAccessible(page, `unknown address (${lang}, ${viewport.width}px)`);
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
