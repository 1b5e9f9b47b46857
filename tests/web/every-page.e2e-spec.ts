import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import {
  describeWithBrowser,
  ensureWebBuilt,
  expectAccessible,
  expectNoHorizontalScroll,
  launchBrowser,
  newContext,
  requestsElsewhere,
  signIn,
} from '../support/web-browser';
import { scaled, waitFor } from '../support/timeouts';

jest.setTimeout(scaled(420_000));

type Lang = 'en' | 'fr';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Requests in flight, counted per page, so "the network is quiet" can be waited for after an in-app navigation too. */
const inFlight = new WeakMap<Page, { count: number; quietSince: number }>();
function trackRequests(page: Page): void {
  const state = { count: 0, quietSince: Date.now() };
  inFlight.set(page, state);
  page.on('request', () => void state.count++);
  const done = () => {
    state.count = Math.max(0, state.count - 1);
    if (state.count === 0) state.quietSince = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}
async function networkQuiet(page: Page): Promise<void> {
  const state = inFlight.get(page);
  if (!state) return page.waitForLoadState('networkidle');
  // what Playwright's networkidle means (nothing in flight for 500 ms), for navigations that load no document
  await waitFor('the network to be quiet', () => state.count === 0 && Date.now() - state.quietSince >= 500, 30_000, 50);
}

/**
 * Opens an app page in a language and waits until it shows its h1, names itself after it and has nothing left
 * loading; `quiet` also waits for the network to go idle (what axe needs: every late section in place).
 * `inApp` moves there the way a link does (history and popstate: no reload of the app), which is what people do
 * and costs the suite a fraction of a page load; the first page of a visit is loaded.
 */
async function openAppPage(page: Page, path: string, lang: Lang, { quiet = true, inApp = false }: { quiet?: boolean; inApp?: boolean } = {}): Promise<string> {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  const before = inApp ? await page.title() : null;
  if (inApp) {
    await page.evaluate((to) => {
      window.history.pushState({}, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, url.pathname + url.search);
  } else await page.goto(url.pathname + url.search);
  await page.waitForFunction(
    ({ before, pathname }) => {
      const text = document.querySelector('#main-content [data-page-heading]')?.textContent?.replace(/\s+/g, ' ').trim();
      return (
        window.location.pathname === pathname &&
        document.title !== before &&
        !!text &&
        document.title === `${text} — Forum` &&
        !document.querySelector('[data-loading]')
      );
    },
    { before, pathname: url.pathname },
  );
  if (quiet) await networkQuiet(page);
  return page.title();
}

/**
 * axe costs seconds a page on a busy machine, so `npm test` runs it on every other page of a role (alternating
 * with the role), each role reading one language at 1280 px and the other at 390 px (the pairs alternate with
 * the role too): across the four roles every page is checked in both languages at both widths.
 * FORUM_A11Y_FULL=1 (`npm run test:a11y`) runs axe on every page of every role in both languages at both widths.
 */
const FULL = process.env.FORUM_A11Y_FULL === '1';

async function settle(page: Page): Promise<void> {
  // the layout settles in a frame or two after a resize
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** The page as it stands at both widths: axe at each, no sideways scroll on the phone. */
async function checkAtBothWidths(page: Page, label: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page, `${label} at 1280 px`);
  await page.setViewportSize(PHONE);
  await settle(page);
  await expectNoHorizontalScroll(page, label);
  await expectAccessible(page, `${label} at 390 px`);
}

/** Each title once: a repeat names the two pages that share it. */
function expectDistinct(titles: Map<string, string>, title: string, label: string): void {
  if (titles.has(title)) throw new Error(`${label} has the same title as ${titles.get(title)}: "${title}"`);
  titles.set(title, label);
}

describeWithBrowser('web: every page of every role, in both languages, at 1280 and 390 px', () => {
  let t: TestApp;
  // the outbox relay that carries the live events to the sockets
  let worker: TestWorker;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let bodyId: string;
  let meetingId: string;
  let itemId: string;
  let communiqueId: string;
  let accounts: Record<'member' | 'observer' | 'municipal', string>;

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    worker = await startTestWorker(t);
    const f = new Factories(t);
    const { body, seats } = await f.bodyWith(
      {
        fed: { level: 'federal', role: 'co_chair' },
        prov: { role: 'co_chair' },
        quebec: { role: 'observer' },
        city: { level: 'municipal', role: 'member' },
      },
      {
        name: 'Working Group on Asylum Seekers’ Interim Housing and Settlement Services',
        nameFr: 'Groupe de travail sur l’hébergement provisoire et les services d’établissement des demandeurs d’asile',
        kind: 'working_group',
      },
    );
    bodyId = body.id;
    accounts = { member: seats.prov.official.email, observer: seats.quebec.official.email, municipal: seats.city.official.email };
    meetingId = (await f.meeting(bodyId, { title: 'Autumn meeting on interim housing', titleFr: 'Réunion d’automne sur l’hébergement provisoire' })).id;
    itemId = (
      await f.actionItem(bodyId, seats.prov.government.id, {
        title: 'Count the shelter beds available to claimants',
        titleFr: 'Dénombrer les lits d’hébergement offerts aux demandeurs',
      })
    ).id;
    const created = await t.http.post(
      '/api/v1/communiques',
      {
        bodyId,
        titleEn: 'Joint statement on interim housing',
        titleFr: 'Déclaration commune sur l’hébergement provisoire',
        bodyEn: 'Housing **now**.',
        bodyFr: 'Hébergement **maintenant**.',
      },
      t.adminToken,
    );
    communiqueId = created.body.id;
    await t.http.post(`/api/v1/communiques/${communiqueId}/submit`, {}, t.adminToken);
    for (const seat of [seats.fed, seats.prov, seats.city])
      await t.http.post(`/api/v1/communiques/${communiqueId}/concurrences`, { revision: 1 }, seat.official.token);
    expect((await t.http.post(`/api/v1/communiques/${communiqueId}/publish`, {}, t.adminToken)).status).toBe(200);
  });
  afterAll(async () => {
    await worker?.close();
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    context = await newContext(browser, t.baseUrl);
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  const shared = () => [
    '/',
    '/bodies',
    `/bodies/${bodyId}`,
    '/meetings',
    `/meetings/${meetingId}`,
    '/action-items',
    `/action-items/${itemId}`,
    '/accountability',
    '/communiques',
    `/communiques/${communiqueId}`,
    '/indicators',
    '/search?q=housing',
    '/notifications',
  ];
  const roles = () =>
    [
      ['secretariat', ADMIN_EMAIL, ADMIN_PASSWORD, [...shared(), `/bodies/${bodyId}/funding`, '/people', '/translations', '/integrations']],
      ['official of a member (co-chair)', accounts.member, OFFICIAL_PASSWORD, [...shared(), `/bodies/${bodyId}/funding`, '/join-requests']],
      ['official of an observer', accounts.observer, OFFICIAL_PASSWORD, [...shared(), '/join-requests']],
      ['municipal official', accounts.municipal, OFFICIAL_PASSWORD, [...shared(), '/join-requests']],
    ] as const;

  for (const index of [0, 1, 2, 3]) {
    it(`role ${index + 1} of 4: every page ${FULL ? 'passes axe at 1280 and 390 px in both languages' : 'is checked by axe in the rotation'}, never scrolls sideways at 390 px, and has its own title, with breadcrumbs and Date modified`, async () => {
      const [role, email, password, pages] = roles()[index];
      const titles = new Map<string, string>();
      for (const lang of ['en', 'fr'] as const) {
        const sizes = FULL ? [DESKTOP, PHONE] : [(index % 2 === 0) === (lang === 'en') ? DESKTOP : PHONE];
        // a browser of its own per language: nothing of the other language's session is left
        await context.close();
        context = await newContext(browser, t.baseUrl);
        page = await context.newPage();
        trackRequests(page);
        await page.setViewportSize(sizes[0]);
        await signIn(page, email, password, lang);
        for (const [pageIndex, path] of pages.entries()) {
          const label = `${path} (${lang}, ${role})`;
          // roles 1 and 2 check the even pages, roles 3 and 4 the odd ones, each pair in all four language-width pairs
          const axe = FULL || pageIndex % 2 === Math.floor(index / 2);
          await page.setViewportSize(sizes[0]);
          // sign-in lands on the dashboard ('/'): the first page is a reload, the others are reached in the app
          const title = await openAppPage(page, path, lang, { quiet: axe, inApp: pageIndex > 0 });
          expectDistinct(titles, title, label);
          expect({ label, dateModified: await page.locator('gcds-date-modified').count() }).toEqual({ label, dateModified: 1 });
          // every page but the home page has a trail that starts at the home page
          const trail = await page.evaluate(() =>
            Array.from(document.querySelectorAll('gcds-breadcrumbs gcds-breadcrumbs-item')).map(
              (item) => (item as HTMLElement & { href?: string }).href ?? item.getAttribute('href'),
            ),
          );
          if (path !== '/') expect({ label, trail: trail[0] }).toEqual({ label, trail: '/' });
          for (const [i, size] of sizes.entries()) {
            if (i > 0) {
              await page.setViewportSize(size);
              await settle(page);
            }
            if (size === PHONE) await expectNoHorizontalScroll(page, label);
            if (axe) await expectAccessible(page, `${label} at ${size.width} px`);
          }
        }
        // the design system's fonts come from the app too: a government intranet may block any other origin
        expect({ role, lang, elsewhere: requestsElsewhere(context) }).toEqual({ role, lang, elsewhere: [] });
      }
    });
  }

  it('asks no other origin for anything, and draws its text in the design system’s own fonts, served immutable from its own', async () => {
    const origin = new URL(t.baseUrl).origin;
    const requests: string[] = [];
    page.on('request', (request) => void requests.push(request.url()));
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await openAppPage(page, `/action-items/${itemId}`, 'en', { inApp: true });
    const faces = await page.evaluate(async () => {
      await document.fonts.ready;
      const loaded: string[] = [];
      document.fonts.forEach((face) => {
        if (face.status === 'loaded') loaded.push(`${face.family.replace(/"/g, '')} ${face.weight} ${face.style}`);
      });
      return loaded;
    });
    // body text, the headings, and the icons the shell shows (inlined in the stylesheet: it is a few KB)
    expect(faces).toEqual(expect.arrayContaining(['Noto Sans 400 normal', 'Lato 700 normal', 'gcds-icons 400 normal']));
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans"') && document.fonts.check('700 32px Lato'))).toBe(true);
    expect(requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin)).toEqual([]);
    expect(requestsElsewhere(context)).toEqual([]);
    const fonts = requests.filter((url) => /\.woff2?$/.test(url));
    expect(fonts.length).toBeGreaterThan(0);
    for (const url of fonts) {
      const response = await fetch(url);
      expect({ url, status: response.status, cache: response.headers.get('cache-control') }).toEqual({
        url,
        status: 200,
        cache: 'public, max-age=31536000, immutable',
      });
    }
  });

  it('asks for the session once a load, while its script is still on its way, and without session-start.js too', async () => {
    await signIn(page, accounts.member, OFFICIAL_PASSWORD);
    const refreshes: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/auth/refresh')) refreshes.push(request.url());
    });
    const dashboard = page.getByRole('heading', { level: 1, name: 'My dashboard' });
    // the app's script is held back until the session has been asked for: only session-start.js can have asked
    let askedBeforeTheScript = false;
    const entry = /\/assets\/index-[\w-]+\.js$/;
    await page.route(entry, async (route) => {
      try {
        await waitFor('the refresh session-start.js sends', () => refreshes.length > 0, 10_000, 20);
        askedBeforeTheScript = true;
      } finally {
        await route.continue();
      }
    });
    await page.reload();
    await dashboard.waitFor();
    await networkQuiet(page);
    expect(askedBeforeTheScript).toBe(true);
    // one refresh (the cookie rotates: a second at once would look like a stolen cookie)
    expect(refreshes).toHaveLength(1);
    await page.unroute(entry);
    // the app asks itself when the early request is missing (an old cached shell, a blocked script)
    await page.route('**/session-start.js', (route) => route.abort());
    await page.reload();
    await dashboard.waitFor();
    await networkQuiet(page);
    expect(refreshes).toHaveLength(2);
  });

  it('the public pages (signed out): axe at both widths in both languages, no sideways scroll, distinct titles', async () => {
    const titles = new Map<string, string>();
    for (const lang of ['en', 'fr'] as const) {
      const appPages = ['/login', '/no-such-page'];
      for (const path of appPages) {
        const title = await openAppPage(page, path, lang);
        expectDistinct(titles, title, `${path} (${lang})`);
        await checkAtBothWidths(page, `${path} (${lang})`);
      }
      for (const path of [
        `/${lang}/communiques`,
        `/${lang}/communiques?bodyId=${bodyId}`,
        `/${lang}/communiques/${communiqueId}`,
        `/${lang}/communiques/00000000-0000-4000-8000-000000000000`,
      ]) {
        await page.goto(path);
        await page.locator('main h1').waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        // the filtered list is the same page as the list: its title may repeat, the others may not
        if (!path.includes('?')) expectDistinct(titles, await page.title(), path);
        await checkAtBothWidths(page, path);
      }
    }
  });

  it('shows an Access denied page, in each language, when the API refuses the page’s main resource', async () => {
    await signIn(page, accounts.member, OFFICIAL_PASSWORD);
    await page.route(`**/api/v1/action-items/${itemId}`, (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 403, error: 'Forbidden', reason: 'forbidden', message: 'Not for this account' }),
      }),
    );
    for (const [lang, heading] of [
      ['en', 'Access denied'],
      ['fr', 'Accès refusé'],
    ] as const) {
      const title = await openAppPage(page, `/action-items/${itemId}`, lang);
      expect(title).toBe(`${heading} — Forum`);
      await page.getByRole('link', { name: lang === 'fr' ? 'Aller à la page d’accueil du Forum' : 'Go to the Forum’s home page' }).waitFor();
      await checkAtBothWidths(page, `access denied (${lang})`);
    }
  });

  it('announces a live update politely, and says when the record shown last changed', async () => {
    await signIn(page, accounts.member, OFFICIAL_PASSWORD);
    await openAppPage(page, `/action-items/${itemId}`, 'en');
    const item = (await t.http.get(`/api/v1/action-items/${itemId}`, t.adminToken)).body;
    await page.waitForFunction((day) => document.querySelector('gcds-date-modified')?.textContent?.trim() === day, item.updatedAt.slice(0, 10));
    const announcer = page.locator('[data-live-announcer]');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    expect((await announcer.textContent())?.trim()).toBe('');
    expect((await t.http.patch(`/api/v1/action-items/${itemId}`, { version: item.version, progress: 30 }, t.adminToken)).status).toBe(200);
    // the secretariat's own account has no government: the announcement names the secretariat, and the item
    await page.waitForFunction(
      (expected) => document.querySelector('[data-live-announcer]')?.textContent?.trim() === expected,
      `The Forum secretariat updated action item “${item.title}”.`,
    );
  });
});
