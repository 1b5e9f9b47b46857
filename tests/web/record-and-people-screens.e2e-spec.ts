import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories, TestGovernment, TestOfficial } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
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
import { scaled, waitFor } from '../support/timeouts';

jest.setTimeout(scaled(300_000));

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const BODY_EN = 'Ministers reviewed the arrivals at Lacolle and agreed to share the costs of interim housing.';
const BODY_FR = 'Les ministres ont examiné les arrivées à Lacolle et ont convenu de partager les coûts de l’hébergement temporaire.';

/** A new screen passes axe at 1280 px and at 390 px, where it must not scroll sideways either. */
async function checkScreen(page: Page, label: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, `${label} at 1280 px`);
  await page.setViewportSize(PHONE);
  await page.waitForFunction((width) => window.innerWidth === width, PHONE.width);
  await expectNoHorizontalScroll(page, label);
  await expectAccessible(page, `${label} at 390 px`);
  await screenshot(page, `screens-${label.replace(/[^a-z0-9]+/gi, '-')}-390`);
  await page.setViewportSize(DESKTOP);
  await page.waitForFunction((width) => window.innerWidth === width, DESKTOP.width);
}

/**
 * The screens for the tasks of the record and of people: corrections and withdrawal of a communiqué, concurrence
 * with a reservation, calendar subscription feeds, deactivation, mark all read and the pending join requests.
 */
describeWithBrowser('web: record and people screens', () => {
  let t: TestApp;
  let worker: TestWorker;
  let f: Factories;
  let browser: Browser;
  let body: { id: string; name: string };
  let ca: { government: TestGovernment; official: TestOfficial };
  let on: { government: TestGovernment; official: TestOfficial };
  let communiqueId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    worker = await startTestWorker(t);
    f = new Factories(t);
    body = await f.body({ kind: 'working_group', name: 'Working Group on Asylum and Irregular Migration' });
    const seat = async (code: string, nameEn: string, nameFr: string, level: 'federal' | 'provincial', locale: 'en' | 'fr') => {
      const government = await f.government({ code, nameEn, nameFr, level });
      await f.member(body.id, government.id, 'member');
      return { government, official: await f.official(government.id, { locale }) };
    };
    ca = await seat('CA', 'Government of Canada', 'Gouvernement du Canada', 'federal', 'fr');
    on = await seat('ON', 'Ontario', 'Ontario', 'provincial', 'en');

    // a communiqué both governments concurred on, published
    const created = await t.http.post(
      '/api/v1/communiques',
      { bodyId: body.id, titleEn: 'Working group meets in Montréal', titleFr: 'Le groupe de travail se réunit à Montréal', bodyEn: BODY_EN, bodyFr: BODY_FR },
      t.adminToken,
    );
    expect(created.status).toBe(201);
    communiqueId = created.body.id;
    expect((await t.http.post(`/api/v1/communiques/${communiqueId}/submit`, {}, t.adminToken)).status).toBe(200);
    for (const seated of [ca, on])
      expect((await t.http.post(`/api/v1/communiques/${communiqueId}/concurrences`, { revision: 1 }, seated.official.token)).status).toBe(201);
    expect((await t.http.post(`/api/v1/communiques/${communiqueId}/publish`, {}, t.adminToken)).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function pageFor(email: string, password = OFFICIAL_PASSWORD, lang: 'en' | 'fr' = 'en'): Promise<Page> {
    const context = await newContext(browser, t.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, email, password, lang);
    return page;
  }
  const communique = async () => (await t.http.get(`/api/v1/communiques/${communiqueId}`, t.adminToken)).body;

  it('proposes a correction of a published communiqué and shows its diff; a government concurs with a reservation in French; the correction is published', async () => {
    const sec = await pageFor(ADMIN_EMAIL, ADMIN_PASSWORD);
    await sec.goto(`/communiques/${communiqueId}?lang=en`);
    await sec.getByRole('heading', { name: 'Propose a correction' }).waitFor();
    // a correction without its visible note is refused before it is sent
    await sec.getByRole('button', { name: 'Send the correction for concurrence' }).click();
    await sec.getByText('Write the correction note the public will read.').first().waitFor();
    await sec.locator('textarea#correction-body-en').fill(`${BODY_EN.replace('.', '')} with Toronto and Montréal.`);
    await sec.locator('textarea#correction-body-fr').fill(`${BODY_FR.replace(/\.$/, '')} avec Toronto et Montréal.`);
    await sec.locator('textarea#correction-note').fill('The cities that house the claimants are named.');
    await sec.locator('textarea#correction-note-fr').fill('Les villes qui hébergent les demandeurs sont nommées.');
    await sec.getByRole('button', { name: 'Send the correction for concurrence' }).click();
    await sec.getByText('The correction was sent to the member governments for concurrence.').waitFor();
    await sec.getByRole('heading', { name: 'Changes from revision 1 to 2' }).waitFor();
    await sec
      .locator('.side-by-side [lang="en"] .diff ins')
      .getByText(/with Toronto and Montréal/)
      .waitFor();
    await sec
      .locator('.side-by-side [lang="fr"] .diff ins')
      .getByText(/avec Toronto et Montréal/)
      .waitFor();
    await sec.getByTestId('correction-notice').getByText('Correction (revision 2) awaiting concurrence; the public still reads revision 1.').waitFor();
    await sec.getByTestId('correction-notice').getByText('The cities that house the claimants are named.').waitFor();
    await sec.getByTestId(`concurrence-${ca.government.id}`).getByText('Concurred on revision 1: must concur again').waitFor();
    // the public keeps the published text meanwhile
    expect((await t.http.get(`/api/v1/public/communiques/${communiqueId}`)).body.bodyEn ?? '').not.toContain('Toronto');
    await checkScreen(sec, 'communique correction (en)');

    // Canada's official, in French, concurs on the correction with a reservation in both languages
    const caPage = await pageFor(ca.official.email, OFFICIAL_PASSWORD, 'fr');
    await caPage.goto(`/communiques/${communiqueId}?lang=fr`);
    await caPage.getByRole('heading', { name: 'Donner son accord avec réserve' }).waitFor();
    await caPage.getByRole('button', { name: 'Enregistrer l’accord avec cette réserve' }).click();
    await caPage.getByText('Rédigez la réserve, en français, en anglais ou dans les deux langues.').first().waitFor();
    await caPage.locator('textarea#reservation').fill('Le Canada finance l’hébergement sans reconnaître une obligation permanente.');
    await caPage.locator('textarea#reservation-en').fill('Canada funds the housing without accepting a standing obligation.');
    await checkScreen(caPage, 'concurrence with reservation (fr)');
    await caPage.getByRole('button', { name: 'Enregistrer l’accord avec cette réserve' }).click();
    await caPage.getByText('Votre gouvernement a donné son accord avec réserve.').waitFor();
    await caPage.getByTestId(`concurrence-${ca.government.id}`).getByText('Accord donné avec réserve').waitFor();
    await caPage
      .getByTestId(`concurrence-comment-${ca.government.id}`)
      .getByText('Le Canada finance l’hébergement sans reconnaître une obligation permanente.')
      .waitFor();
    const position = (await t.http.get(`/api/v1/communiques/${communiqueId}/concurrences`, t.adminToken)).body;
    const caPosition = (Array.isArray(position) ? position : position.items).find(
      (p: { governmentId: string; revision: number }) => p.governmentId === ca.government.id && p.revision === 2,
    );
    expect(caPosition).toMatchObject({ position: 'concur_with_reservation', commentEn: 'Canada funds the housing without accepting a standing obligation.' });

    // the secretariat's page follows live, shows the reservation in English, and publishes once Ontario concurred
    await sec.getByTestId(`concurrence-${ca.government.id}`).getByText('Concurred with a reservation').waitFor();
    await sec.getByTestId(`concurrence-comment-${ca.government.id}`).getByText('Canada funds the housing without accepting a standing obligation.').waitFor();
    expect((await t.http.post(`/api/v1/communiques/${communiqueId}/concurrences`, { revision: 2 }, on.official.token)).status).toBe(201);
    await sec.getByTestId(`concurrence-${on.government.id}`).getByText('Concurred on this revision').waitFor();
    await sec.getByRole('button', { name: 'Publish the correction (revision 2)' }).click();
    await sec.getByText('The correction is published.').waitFor();
    await waitFor('the corrected text public', async () => (await t.http.get(`/api/v1/public/communiques/${communiqueId}`)).body.bodyEn?.includes('Toronto'));
  });

  it('withdraws a published communiqué only after confirming, naming who is told; cancelling changes nothing', async () => {
    const sec = await pageFor(ADMIN_EMAIL, ADMIN_PASSWORD);
    await sec.goto(`/communiques/${communiqueId}?lang=en`);
    await sec.getByRole('heading', { name: 'Withdraw this communiqué' }).waitFor();
    await sec.getByRole('button', { name: 'Withdraw…', exact: true }).click();
    await sec.getByText('Give the reason for the withdrawal.').first().waitFor();
    expect(await sec.getByRole('dialog').count()).toBe(0);
    await sec.locator('textarea#withdrawal-reason').fill('Superseded by the joint statement of the ministers.');
    await sec.getByRole('button', { name: 'Withdraw…', exact: true }).click();
    const dialog = sec.getByRole('dialog', { name: 'Withdraw “Working group meets in Montréal”?' });
    await dialog.waitFor();
    await dialog.getByText(/The officials of Government of Canada, Ontario will see the withdrawal at once/).waitFor();
    await checkScreen(sec, 'withdrawal confirmation (en)');

    await dialog.getByRole('button', { name: 'Go back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await sec.getByTestId('communique-status').getByText('Published').waitFor();
    expect((await communique()).status).toBe('published');

    await sec.getByRole('button', { name: 'Withdraw…', exact: true }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Withdraw the communiqué' }).click();
    await sec.getByTestId('communique-status').getByText('Withdrawn').waitFor();
    await sec.getByTestId('withdrawal-notice').getByText('Superseded by the joint statement of the ministers.').waitFor();
    expect(await communique()).toMatchObject({ status: 'withdrawn', withdrawalReasonEn: 'Superseded by the joint statement of the ministers.' });
  });

  it('shows an official their calendar subscription address once, in French, and revoking it makes the old address a 404', async () => {
    const page = await pageFor(ca.official.email, OFFICIAL_PASSWORD, 'fr');
    await page.goto('/meetings?lang=fr');
    await page.getByRole('heading', { name: 'Abonnez votre calendrier à vos réunions' }).waitFor();
    await page.getByText('Vous n’avez aucune adresse d’abonnement.').waitFor();
    await page.getByRole('button', { name: 'Créer une adresse d’abonnement' }).click();
    const url = (await page.getByTestId('calendar-feed-url').textContent())!.trim();
    expect(url).toMatch(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\/meetings\.ics$/);
    expect(await page.getByRole('link', { name: 'Ouvrir dans mon application de calendrier (webcal)' }).getAttribute('href')).toBe(
      url.replace(/^https?:/, 'webcal:'),
    );
    const path = new URL(url).pathname;
    const live = await t.http.get(path);
    expect(live.status).toBe(200);
    expect(live.text).toContain('BEGIN:VCALENDAR');
    await checkScreen(page, 'calendar feeds (fr)');

    await page.getByRole('button', { name: 'Révoquer cette adresse' }).click();
    await page.getByText('L’adresse d’abonnement a été révoquée : elle ne fonctionne plus.').waitFor();
    await page.getByText('Vous n’avez aucune adresse d’abonnement.').waitFor();
    expect(await page.getByTestId('calendar-feed-url').count()).toBe(0);
    expect([404, 410]).toContain((await t.http.get(path)).status);
  });

  it('deactivates an account only after confirming; its owner can no longer sign in, and it can be reactivated', async () => {
    const leaving = await f.official(on.government.id, { displayName: 'Sam Leaving' });
    const sec = await pageFor(ADMIN_EMAIL, ADMIN_PASSWORD);
    await sec.goto('/people?lang=en');
    await sec.getByRole('button', { name: 'Deactivate Sam Leaving' }).click();
    const dialog = sec.getByRole('dialog', { name: 'Deactivate the account of Sam Leaving?' });
    await dialog.getByText(`Sam Leaving (${leaving.email}) will be signed out at once on every device`, { exact: false }).waitFor();
    await checkScreen(sec, 'deactivation confirmation (en)');
    await dialog.getByRole('button', { name: 'Go back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await t.http.post('/api/v1/auth/login', { email: leaving.email, password: OFFICIAL_PASSWORD })).status).toBe(200);

    await sec.getByRole('button', { name: 'Deactivate Sam Leaving' }).click();
    await dialog.getByRole('button', { name: 'Deactivate the account' }).click();
    await sec.getByTestId(`account-state-${leaving.id}`).getByText('Deactivated').waitFor();
    expect((await t.http.post('/api/v1/auth/login', { email: leaving.email, password: OFFICIAL_PASSWORD })).status).toBe(401);
    expect((await t.http.get('/api/v1/notifications', leaving.token)).status).toBe(401);
    // the secretariat's own row has no such button
    expect(
      await sec
        .getByRole('row', { name: new RegExp(ADMIN_EMAIL) })
        .getByRole('button')
        .count(),
    ).toBe(0);

    await sec.getByRole('button', { name: 'Reactivate Sam Leaving' }).click();
    await sec.getByTestId(`account-state-${leaving.id}`).getByText('Active').waitFor();
    expect((await t.http.post('/api/v1/auth/login', { email: leaving.email, password: OFFICIAL_PASSWORD })).status).toBe(200);
  });

  it('marks every notification read at once, and the unread badge goes to 0', async () => {
    // Ontario was asked to concur twice (the draft and the correction): notifications the worker delivered
    const unread = await waitFor('Ontario’s notifications', async () => {
      const n = (await t.http.get('/api/v1/notifications', on.official.token)).body.unread as number;
      return n >= 2 ? n : null;
    });
    const page = await pageFor(on.official.email);
    await page.goto('/notifications?lang=en');
    await page.getByTestId('unread-count').getByText(`${unread} unread notifications`).waitFor();
    await checkScreen(page, 'notifications with mark all read (en)');
    await page.getByRole('button', { name: `Mark all ${unread} notifications as read` }).click();
    await page.getByTestId('unread-count').getByText('0 unread notifications').waitFor();
    await page.getByText('Every notification is marked as read.').waitFor();
    expect((await t.http.get('/api/v1/notifications', on.official.token)).body.unread).toBe(0);
    expect(await page.getByRole('button', { name: /Mark .* as read/ }).count()).toBe(0);

    // an inbox longer than a page is paged by the API: 30 older (read) reminders, and the oldest on the second page
    await t.dataSource.query(
      `INSERT INTO notification (user_id, key, category, title, body, email_delivery, created_at, read_at)
       SELECT $1, 'old-reminder-' || n, 'action_items', 'Older reminder ' || n, 'An older reminder.', 'off', now() - make_interval(days => n), now() FROM generate_series(1, 30) n`,
      [on.official.id],
    );
    const total = (await t.http.get('/api/v1/notifications?limit=1', on.official.token)).body.total as number;
    await page.reload();
    await page.getByTestId('pager-notifications-position').getByText(`1–25 of ${total}`).waitFor();
    expect(await page.getByText('Older reminder 30', { exact: true }).count()).toBe(0);
    await page.getByTestId('pager-notifications').getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Older reminder 30', { exact: true }).waitFor();
  });

  it('lists the pending join requests for the secretariat, who approves one and refuses another after confirming', async () => {
    const toronto = await f.government({ code: 'TOR', nameEn: 'City of Toronto', nameFr: 'Ville de Toronto', level: 'municipal' });
    const fcm = await f.government({
      code: 'FCM',
      nameEn: 'Federation of Canadian Municipalities',
      nameFr: 'Fédération canadienne des municipalités',
      level: 'association',
    });
    for (const government of [toronto, fcm]) {
      const official = await f.official(government.id);
      const asked = await t.http.post(`/api/v1/bodies/${body.id}/join-requests`, { message: 'Our shelters house most of the claimants.' }, official.token);
      expect(asked.status).toBe(201);
    }
    const sec = await pageFor(ADMIN_EMAIL, ADMIN_PASSWORD);
    await sec.goto('/join-requests?lang=en');
    await sec.getByRole('heading', { level: 1, name: 'Requests to join' }).waitFor();
    await sec.getByTestId('pending-join-request').filter({ hasText: 'City of Toronto' }).waitFor();
    await sec.getByTestId('pending-join-request').filter({ hasText: 'Federation of Canadian Municipalities' }).waitFor();
    await checkScreen(sec, 'pending join requests (en)');

    await sec.getByRole('button', { name: 'Approve City of Toronto' }).click();
    await sec.getByText('City of Toronto is now a member of Working Group on Asylum and Irregular Migration.').waitFor();
    const members = (await t.http.get(`/api/v1/bodies/${body.id}/members`, t.adminToken)).body.items as { governmentId: string }[];
    expect(members.map((m) => m.governmentId)).toContain(toronto.id);

    await sec.getByTestId('pending-join-request').filter({ hasText: 'City of Toronto' }).waitFor({ state: 'detached' });
    await sec
      .getByLabel('Reason for the decision on Federation of Canadian Municipalities (optional)')
      .fill('The working group is for the governments that fund the housing.');
    await sec.getByRole('button', { name: 'Refuse Federation of Canadian Municipalities' }).click();
    const dialog = sec.getByRole('dialog', { name: /Refuse the request of Federation of Canadian Municipalities/ });
    await dialog.getByText(/The officials of Federation of Canadian Municipalities will be notified of the refusal/).waitFor();
    await dialog.getByRole('button', { name: 'Refuse the request' }).click();
    await sec.getByText(/The request of Federation of Canadian Municipalities to join .* was refused\./).waitFor();
    await sec.getByText('No pending requests.').waitFor();
    const requests = (await t.http.get(`/api/v1/bodies/${body.id}/join-requests`, t.adminToken)).body.items as { governmentId: string; status: string }[];
    expect(requests.find((r) => r.governmentId === fcm.id)?.status).toBe('rejected');
  });

  it('lists the requests awaiting a co-chair in French, and only to the co-chair', async () => {
    const table = await f.body({ kind: 'table', name: 'Federal-Provincial-Municipal Table' });
    await f.member(table.id, ca.government.id, 'co_chair');
    await f.member(table.id, on.government.id, 'member');
    const montreal = await f.government({ code: 'MTL', nameEn: 'City of Montréal', nameFr: 'Ville de Montréal', level: 'municipal' });
    const official = await f.official(montreal.id);
    expect((await t.http.post(`/api/v1/bodies/${table.id}/join-requests`, {}, official.token)).status).toBe(201);

    const coChair = await pageFor(ca.official.email, OFFICIAL_PASSWORD, 'fr');
    await coChair.goto('/join-requests?lang=fr');
    await coChair.getByRole('heading', { name: 'Demandes en attente de votre décision' }).waitFor();
    const card = coChair.getByTestId('pending-join-request').filter({ hasText: 'Ville de Montréal' });
    await card.waitFor();
    await card.getByRole('button', { name: 'Refuser Ville de Montréal' }).waitFor();
    await checkScreen(coChair, 'pending join requests for a co-chair (fr)');

    // a member that does not co-chair asks to join, but decides nothing
    const member = await pageFor(on.official.email);
    await member.goto('/join-requests?lang=en');
    await member.getByRole('heading', { name: "My government's requests" }).waitFor();
    expect(await member.getByRole('heading', { name: 'Requests awaiting your decision' }).count()).toBe(0);
  });
});
