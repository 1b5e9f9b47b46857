import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../apps/web/src/i18n/en';
import { fr } from '../../apps/web/src/i18n/fr';
import { Factories, TestOfficial } from '../support/factories';
import { OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { describeWithBrowser, ensureWebBuilt, launchBrowser, newContext, signIn } from '../support/web-browser';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(180_000));

/**
 * The English side of the UI dictionary that differs from the French side: every literal piece of at least two
 * words or ten letters (the placeholders cut them). None of these may show on a French page.
 */
function englishOnlyPhrases(): string[] {
  const phrases = new Set<string>();
  const walk = (e: unknown, f: unknown) => {
    if (typeof e === 'string') {
      if (typeof f === 'string' && f === e) return;
      for (const piece of e.split(/\{\{[^}]+\}\}/)) {
        const p = piece.trim().replace(/[.:…,;]+$/, '');
        if (p.length >= 10 || (p.includes(' ') && p.length >= 6)) phrases.add(p);
      }
    } else if (e && typeof e === 'object') {
      for (const [k, v] of Object.entries(e)) walk(v, (f as Record<string, unknown> | undefined)?.[k]);
    }
  };
  walk(en, fr);
  return [...phrases];
}

/** The visible text of the page's main content, without content marked as awaiting its translation. */
async function frenchPageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main') ?? document.body;
    const copy = main.cloneNode(true) as HTMLElement;
    for (const marker of Array.from(copy.querySelectorAll('[data-testid="translation-pending"]'))) {
      const shown = marker.previousElementSibling;
      if (shown?.getAttribute('lang') === 'en') shown.remove();
      marker.remove();
    }
    return copy.innerText;
  });
}

describeWithBrowser('web: a French-locale official reads French', () => {
  let t: TestApp;
  let f: Factories;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let official: TestOfficial;
  let translatedMeeting: string;
  let item: string;
  const phrases = englishOnlyPhrases();
  it('has a dictionary to check against', () => expect(phrases.length).toBeGreaterThan(100));

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    f = new Factories(t);
    const qc = await f.government({
      code: `QC${Date.now() % 100000}`,
      nameEn: 'Government of Quebec',
      nameFr: 'Gouvernement du Québec',
      timeZone: 'America/Toronto',
    });
    const body = await f.body({ kind: 'table', name: 'Housing Table', nameFr: 'Table du logement' });
    await f.member(body.id, qc.id, 'member');
    official = await f.official(qc.id, { locale: 'fr' });
    const both = await t.http.post(
      '/api/v1/meetings',
      {
        bodyId: body.id,
        titleEn: 'Housing table: 1st meeting',
        titleFr: 'Table du logement : 1re réunion',
        startsAt: '2031-03-11T15:00:00Z',
        endsAt: '2031-03-11T16:00:00Z',
      },
      t.adminToken,
    );
    translatedMeeting = both.body.id;
    await t.http.post(
      `/api/v1/meetings/${translatedMeeting}/agenda-items`,
      { titleEn: 'Interim housing', titleFr: 'Logement provisoire', purpose: 'discussion', durationMinutes: 30 },
      t.adminToken,
    );
    await t.http.post(
      `/api/v1/meetings/${translatedMeeting}/agenda-items`,
      { title: 'Shelter capacity figures', purpose: 'information', durationMinutes: 20 },
      t.adminToken,
    );
    expect((await t.http.post(`/api/v1/meetings/${translatedMeeting}/agenda/publish`, { translationToFollow: true }, t.adminToken)).status).toBe(200);
    await t.http.post(
      '/api/v1/meetings',
      { bodyId: body.id, title: 'Working session on shelters', startsAt: '2031-03-12T15:00:00Z', endsAt: '2031-03-12T16:00:00Z' },
      t.adminToken,
    );
    item = (await f.actionItem(body.id, qc.id, { title: 'Share weekly arrival figures', descriptionEn: 'Every Monday', descriptionFr: 'Chaque lundi' })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    context = await newContext(browser, t.baseUrl, { locale: 'fr-CA' });
    page = await context.newPage();
    await signIn(page, official.email, OFFICIAL_PASSWORD, 'fr');
  });
  afterEach(() => context?.close());

  const expectNoEnglish = async (where: string) => {
    await page.waitForLoadState('networkidle');
    const text = await frenchPageText(page);
    const found = phrases.filter((p) => text.includes(p));
    expect({ where, found }).toEqual({ where, found: [] });
    return text;
  };

  it('speaks French once the official signs in on an English page (the French messages fetched then)', async () => {
    const english = await newContext(browser, t.baseUrl, { locale: 'en-CA' });
    try {
      const visit = await english.newPage();
      await visit.goto('/login');
      await visit.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await visit.getByLabel('Email address').fill(official.email);
      await visit.getByLabel('Password').fill(OFFICIAL_PASSWORD);
      await visit.getByRole('button', { name: 'Sign in' }).click();
      await visit.getByRole('heading', { level: 1, name: 'Mon tableau de bord' }).waitFor();
      expect(await visit.evaluate(() => document.documentElement.lang)).toBe('fr');
    } finally {
      await english.close();
    }
  });

  it('shows the dashboard in French, English-only content marked as awaiting translation', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Mon tableau de bord' }).waitFor();
    await page.getByText('Table du logement : 1re réunion').first().waitFor();
    const text = await expectNoEnglish('dashboard');
    expect(text).not.toContain('Housing table: 1st meeting');
    expect(await page.locator('[lang="en"]', { hasText: 'Working session on shelters' }).count()).toBeGreaterThan(0);
    expect(await page.getByText('(version française à suivre)').count()).toBeGreaterThan(0);
  });

  it('shows a meeting and its agenda in French, the untranslated item marked', async () => {
    await page.goto(`/meetings/${translatedMeeting}`);
    await page.getByRole('heading', { level: 1, name: /Table du logement/ }).waitFor();
    await page.getByText('Logement provisoire').first().waitFor();
    const text = await expectNoEnglish('meeting');
    expect(text).toContain('Publié, la traduction suivra.');
    expect(text).not.toContain('Interim housing');
    expect(await page.locator('[lang="en"]', { hasText: 'Shelter capacity figures' }).count()).toBe(1);
  });

  it('shows an action item in French, its English-only title marked, its description in French', async () => {
    await page.goto(`/action-items/${item}`);
    await page.getByRole('heading', { level: 1, name: /Share weekly arrival figures/ }).waitFor();
    const text = await expectNoEnglish('action item');
    expect(text).toContain('Chaque lundi');
    expect(text).not.toContain('Every Monday');
  });
});
