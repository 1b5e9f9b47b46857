import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories, TestGovernment } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import {
  checkBothLanguages,
  describeWithBrowser,
  ensureWebBuilt,
  expectAccessible,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
} from '../support/web-browser';
import { scaled } from '../support/timeouts';

// generous on a busy machine, and scaled by FORUM_TEST_TIMEOUT_SCALE: the steps wait for conditions
jest.setTimeout(scaled(300_000));

/**
 * The secretariat's meeting journey in the browser, on a browser set to Toronto time: a time that is
 * 05:00 in Vancouver is caught by the API before anyone is invited, a suggested slot fixes it, and the
 * meeting gets its agenda (its record, once it has taken place, is tests/web/record-journey).
 */
describeWithBrowser('web: scheduling and running a meeting', () => {
  let t: TestApp;
  let f: Factories;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let bodyId: string;
  let ca: TestGovernment;
  let nl: TestGovernment;
  let bc: TestGovernment;

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    f = new Factories(t);
    ca = await f.government({ code: 'CA', level: 'federal', nameEn: 'Government of Canada', nameFr: 'Gouvernement du Canada', timeZone: 'America/Toronto' });
    nl = await f.government({ code: 'NL', nameEn: 'Newfoundland and Labrador', nameFr: 'Terre-Neuve-et-Labrador', timeZone: 'America/St_Johns' });
    bc = await f.government({ code: 'BC', nameEn: 'British Columbia', nameFr: 'Colombie-Britannique', timeZone: 'America/Vancouver' });
    const body = await f.body({ kind: 'table', name: 'Federal-Provincial-Municipal Table' });
    bodyId = body.id;
    for (const g of [ca, nl, bc]) await f.member(bodyId, g.id, 'member');
    await Promise.all([ca, nl, bc].map((g) => f.official(g.id)));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    context = await newContext(browser, t.baseUrl, { timezoneId: 'America/Toronto' });
    page = await context.newPage();
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterEach(() => context?.close());

  const meetingsOfBody = async () => (await t.http.get(`/api/v1/meetings?bodyId=${bodyId}&limit=100`, t.adminToken)).body.items as any[];

  async function fillSchedule(title: string, start: string, end: string): Promise<void> {
    await page.locator('select#meeting-body').selectOption({ label: 'Federal-Provincial-Municipal Table' });
    await page.locator('input#meeting-title').fill(title);
    await page.locator('#meeting-starts').fill(start);
    await page.locator('#meeting-ends').fill(end);
  }

  it('warns in French that 08:00 in Toronto is 05:00 in Vancouver before inviting anyone, and discards the draft', async () => {
    await page.goto('/meetings?lang=fr');
    await page.getByRole('heading', { level: 1, name: 'Réunions' }).waitFor();
    await fillSchedule('Table FPM : séance de travail', '2031-03-11T08:00', '2031-03-11T09:00');
    await page.getByRole('button', { name: 'Vérifier l’heure et planifier' }).click();
    const warnings = page.getByTestId('schedule-warnings');
    // written as the invitees table writes local times (one formatter), with the zone's abbreviation and name
    await warnings
      .getByText(/Hors des heures de travail \(8 h à 18 h\) pour Colombie-Britannique : mar\. 11 mars 2031, 5\sh\s00 – 6\sh\s00 \S+ \(America\/Vancouver\)/)
      .waitFor();
    await warnings.getByText(/personne n’a encore été invité/).waitFor();
    // Newfoundland is at 09:30 and Ottawa at 08:00: only British Columbia is named
    expect(await warnings.getByRole('listitem').count()).toBe(1);
    await expectAccessible(page, 'schedule warnings (fr)');
    await screenshot(page, 'schedule-warnings-fr');

    const [draft] = await meetingsOfBody();
    expect(draft).toMatchObject({ status: 'draft', startsAt: '2031-03-11T12:00:00.000Z' });
    await page.getByRole('button', { name: 'Abandonner l’ébauche' }).click();
    await page.getByRole('button', { name: 'Vérifier l’heure et planifier' }).waitFor();
    expect((await meetingsOfBody()).map((m) => m.status)).toEqual(['cancelled']);
  });

  it('secretariat sees the zone warning upon checking, takes a suggested slot, then builds and publishes the agenda; a meeting not yet started takes no attendance', async () => {
    await page.goto('/meetings');
    await fillSchedule('FPM Table: working session on asylum seekers', '2031-03-11T08:00', '2031-03-11T09:00');
    await page.getByRole('button', { name: 'Check the time and schedule' }).click();
    const warnings = page.getByTestId('schedule-warnings');
    await warnings
      .getByText(/Outside working hours \(8:00 to 18:00\) for British Columbia: Tue, Mar 11, 2031, 5:00\sa\.m\. – 6:00\sa\.m\. PDT \(America\/Vancouver\)/)
      .waitFor();
    await expectAccessible(page, 'schedule warnings (en)');
    await screenshot(page, 'schedule-warnings-en');

    // the API's suggestion: Vancouver opens at 08:00 PDT, which is 11:00 in Toronto
    await page.getByRole('button', { name: 'Suggest times that suit everyone' }).click();
    const slots = page.getByTestId('slot-suggestions');
    await slots.getByText('CA 11:00–12:00 · BC 08:00–09:00 · NL 12:30–13:30').first().waitFor();
    await expectAccessible(page, 'slot suggestions (en)');
    await screenshot(page, 'slot-suggestions-en');
    await slots.getByRole('button').first().click();
    expect(await page.locator('#meeting-starts').inputValue()).toBe('2031-03-11T11:00');
    expect(await page.locator('#meeting-ends').inputValue()).toBe('2031-03-11T12:00');
    await page.getByRole('button', { name: 'Move the meeting to this time and check again' }).click();

    await page.getByRole('heading', { level: 1, name: 'FPM Table: working session on asylum seekers' }).waitFor();
    const meetingId = new URL(page.url()).pathname.split('/').pop()!;
    const saved = (await t.http.get(`/api/v1/meetings/${meetingId}`, t.adminToken)).body;
    expect(saved).toMatchObject({ status: 'scheduled', startsAt: '2031-03-11T15:00:00.000Z', endsAt: '2031-03-11T16:00:00.000Z' });
    // the draft became this meeting: no stray draft is left behind
    expect((await meetingsOfBody()).filter((m) => m.status !== 'cancelled')).toHaveLength(1);
    const invitees = page.getByRole('table', { name: 'Invited governments' });
    await invitees
      .getByRole('row', { name: /British Columbia/ })
      .getByText(/8:00 a\.m\./)
      .waitFor();
    await invitees
      .getByRole('row', { name: /Newfoundland and Labrador/ })
      .getByText(/12:30 p\.m\./)
      .waitFor();

    // the agenda: three items, the last moved up with the keyboard, then published
    for (const [title, purpose, minutes] of [
      ['Opening remarks', 'information', '10'],
      ['Interim housing costs', 'decision', '30'],
      ['Sharing arrival figures', 'discussion', '20'],
    ]) {
      await page.locator('input#agenda-title').fill(title);
      await page.locator('select#agenda-purpose').selectOption(purpose);
      await page.locator('input#agenda-duration').fill(minutes);
      await page.getByRole('button', { name: 'Add the item' }).click();
      await page.getByRole('listitem', { name: new RegExp(`^Item \\d: ${title}$`) }).waitFor();
    }
    await page.getByRole('listitem', { name: 'Item 3: Sharing arrival figures' }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await page.getByRole('listitem', { name: 'Item 2: Sharing arrival figures' }).waitFor();
    // the keyboard stays on the item it moved
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Item 2: Sharing arrival figures');
    const agenda = (await t.http.get(`/api/v1/meetings/${meetingId}/agenda-items`, t.adminToken)).body;
    expect((Array.isArray(agenda) ? agenda : agenda.items).map((a: any) => a.title)).toEqual([
      'Opening remarks',
      'Sharing arrival figures',
      'Interim housing costs',
    ]);
    await page.getByRole('button', { name: 'Publish the agenda' }).click();
    // written in English only: the agenda goes out once the secretariat says its French version is to follow
    await page.getByRole('button', { name: 'Publish now, translation to follow' }).click();
    await page.getByText('Published · 60 minutes in all').waitFor();

    // attendance, minutes, decisions and positions come once the meeting has started: tests/web/record-journey
    await page.locator(`select#attendance-${ca.id}`).selectOption('present');
    await page.getByText('This meeting has not started yet', { exact: false }).waitFor();

    await page.goto(`/meetings/${meetingId}`);
    await checkBothLanguages(page, 'meeting-detail');
    await page.goto('/meetings');
    await checkBothLanguages(page, 'meetings');
  });
});
