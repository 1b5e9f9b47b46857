import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories, TestGovernment, TestOfficial } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { checkBothLanguages, describeWithBrowser, ensureWebBuilt, launchBrowser, newContext, signIn } from '../support/web-browser';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(180_000));

/**
 * The record of a meeting that took place, in the browser: the secretariat records attendance, drafts the
 * minutes in both languages and circulates them, records a decision; an official records its government's
 * position and comments; the secretariat records the others', sees consensus come, and adopts the minutes.
 */
describeWithBrowser('web: the record of a meeting', () => {
  let t: TestApp;
  let f: Factories;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ca: TestGovernment;
  let on: TestGovernment;
  let onOfficial: TestOfficial;
  let meetingId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    f = new Factories(t);
    ca = await f.government({ code: 'CA', level: 'federal', nameEn: 'Government of Canada', nameFr: 'Gouvernement du Canada' });
    on = await f.government({ code: 'ON', nameEn: 'Ontario', nameFr: 'Ontario' });
    const qc = await f.government({ code: 'QC', nameEn: 'Quebec', nameFr: 'Québec' });
    const body = await f.body({ kind: 'table', name: 'Table on asylum' });
    for (const [g, role] of [
      [ca, 'member'],
      [on, 'member'],
      [qc, 'observer'],
    ] as const)
      await f.member(body.id, g.id, role, '2025-06-01T00:00:00Z');
    onOfficial = await f.official(on.id, { displayName: 'Ontario official' });
    const meeting = await f.meeting(body.id, { title: 'January meeting', startsAt: '2026-01-13T16:00:00Z', endsAt: '2026-01-13T18:00:00Z' });
    meetingId = meeting.id;
    for (const g of [ca, on, qc])
      await t.http.request('PUT', `/api/v1/meetings/${meetingId}/attendance/${g.id}`, { token: t.adminToken, body: { status: 'present' } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    context = await newContext(browser, t.baseUrl, { timezoneId: 'America/Toronto' });
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  const minutes = async () => (await t.http.get(`/api/v1/meetings/${meetingId}/minutes`, t.adminToken)).body;
  const decision = async () => (await t.http.get(`/api/v1/meetings/${meetingId}/decisions`, t.adminToken)).body.items[0];

  it('drafts and circulates the minutes, records a decision and positions until consensus, and adopts the minutes', async () => {
    // the secretariat: minutes in both languages, circulated; a decision
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/meetings/${meetingId}`);
    await page.locator('textarea#minutes-text').fill('Members reviewed interim housing costs.');
    await page.locator('textarea#minutes-text-fr').fill('Les membres ont examiné les coûts de l’hébergement temporaire.');
    await page.getByRole('button', { name: 'Save the minutes' }).click();
    await page
      .getByTestId('minutes-status')
      .getByText(/Draft \(secretariat only\) · revision 1/)
      .waitFor();
    await page.getByRole('button', { name: 'Circulate the minutes' }).click();
    await page
      .getByTestId('minutes-status')
      .getByText(/Circulated to the members/)
      .waitFor();
    expect((await minutes()).status).toBe('circulated');

    await page.locator('textarea#decision-text').fill('Canada will share weekly arrival figures');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByTestId('consensus-1').getByText('No consensus yet.').waitFor();
    await page.locator('select#position-government-1').selectOption({ label: 'Government of Canada' });
    await page.locator('select#position-1').selectOption('agree');
    await page.getByRole('button', { name: 'Record the position on decision 1' }).click();
    await page
      .getByRole('table', { name: 'Positions on decision 1' })
      .getByRole('row', { name: /Government of Canada Agrees/ })
      .waitFor();
    await context.close();

    // Ontario's official, in French: its own government's position (dissent), and a comment on the minutes
    context = await newContext(browser, t.baseUrl, { timezoneId: 'America/Toronto' });
    page = await context.newPage();
    await signIn(page, onOfficial.email, OFFICIAL_PASSWORD, 'fr');
    await page.goto(`/meetings/${meetingId}?lang=fr`);
    await page.getByTestId('minutes-text').filter({ hasText: 'Les membres ont examiné' }).waitFor();
    await page.locator('select#position-1').selectOption('dissent');
    await page.locator('textarea#position-comment-1').fill('Les chiffres doivent être vérifiés.');
    await page.getByRole('button', { name: 'Consigner la position sur la décision 1' }).click();
    await page
      .getByRole('table', { name: 'Positions sur la décision 1' })
      .getByRole('row', { name: /Ontario Dissidente/ })
      .waitFor();
    await page.getByTestId('consensus-1').getByText('Pas encore de consensus.').waitFor();
    await page.locator('textarea#minutes-comment').fill('Ajouter les chiffres des refuges.');
    await page.getByRole('button', { name: 'Envoyer le commentaire' }).click();
    await page.getByText('Votre commentaire a été envoyé.').waitFor();
    const recorded = await decision();
    expect(recorded.positions.find((p: any) => p.governmentId === on.id)).toMatchObject({
      position: 'dissent',
      recordedBy: onOfficial.id,
      commentFr: 'Les chiffres doivent être vérifiés.',
    });
    await context.close();

    // the secretariat: Ontario moves to abstain at the table; consensus; the minutes are adopted and frozen
    context = await newContext(browser, t.baseUrl, { timezoneId: 'America/Toronto' });
    page = await context.newPage();
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/meetings/${meetingId}`);
    await page.getByRole('listitem').filter({ hasText: 'Ajouter les chiffres des refuges.' }).waitFor();
    await page.locator('select#position-government-1').selectOption({ label: 'Ontario' });
    await page.locator('select#position-1').selectOption('abstain');
    await page.getByRole('button', { name: 'Record the position on decision 1' }).click();
    await page
      .getByTestId('consensus-1')
      .getByText(/^Consensus/)
      .waitFor();
    expect((await decision()).consensus).toBe(true);
    await page.getByRole('button', { name: 'Adopt the minutes' }).click();
    await page
      .getByTestId('minutes-status')
      .getByText(/Adopted \(frozen\)/)
      .waitFor();
    expect(await page.locator('textarea#minutes-text').count()).toBe(0);
    expect((await minutes()).status).toBe('adopted');

    await checkBothLanguages(page, 'meeting-record');
  });
});
