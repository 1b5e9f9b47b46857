import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories, TestGovernment } from '../support/factories';
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
import { scaled, waitFor } from '../support/timeouts';

jest.setTimeout(scaled(300_000));

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** A new screen passes axe at 1280 px and at 390 px, and at 390 px the page never scrolls sideways. */
async function checkScreen(page: Page, label: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page, `${label} at 1280 px`);
  await page.setViewportSize(PHONE);
  await page.waitForFunction(() => window.innerWidth === 390);
  await expectNoHorizontalScroll(page, label);
  await expectAccessible(page, `${label} at 390 px`);
  await screenshot(page, `work-${label.replace(/\W+/g, '-')}-390`);
  await page.setViewportSize(DESKTOP);
}

/**
 * The secretariat's work screens in the browser (issue #18, "every task has a screen"): creating an action item,
 * its costs and cost shares, editing and deleting agenda items, attaching papers, rescheduling a meeting and
 * referring a decision to the parent body, in English and in French, each screen checked with axe at both widths.
 */
describeWithBrowser('web: the secretariat’s work screens', () => {
  let t: TestApp;
  let f: Factories;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let parentId: string;
  let bodyId: string;
  let ca: TestGovernment;
  let on: TestGovernment;
  let bc: TestGovernment;
  let meetingId: string;
  let pastMeetingId: string;
  let itemId: string;

  const admin = () => t.adminToken;
  const agendaOf = async (id: string) => {
    const body = (await t.http.get(`/api/v1/meetings/${id}/agenda-items`, admin())).body;
    return (Array.isArray(body) ? body : body.items) as any[];
  };

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    f = new Factories(t);
    const since = '2025-01-01T00:00:00Z';
    ca = await f.government({ code: 'CA', level: 'federal', nameEn: 'Government of Canada', nameFr: 'Gouvernement du Canada', timeZone: 'America/Toronto' });
    on = await f.government({ code: 'ON', nameEn: 'Ontario', nameFr: 'Ontario', timeZone: 'America/Toronto' });
    bc = await f.government({ code: 'BC', nameEn: 'British Columbia', nameFr: 'Colombie-Britannique', timeZone: 'America/Vancouver' });
    const qc = await f.government({ code: 'QC', nameEn: 'Quebec', nameFr: 'Québec', timeZone: 'America/Toronto' });
    const parent = await f.body({ kind: 'table', name: undefined, nameEn: 'Deputy Ministers’ Table', nameFr: 'Table des sous-ministres' });
    parentId = parent.id;
    const body = await f.body({
      kind: 'working_group',
      name: undefined,
      nameEn: 'Working Group on Housing',
      nameFr: 'Groupe de travail sur le logement',
      parentId,
    });
    bodyId = body.id;
    for (const g of [ca, on, bc]) await f.member(bodyId, g.id, 'member', since);
    await f.member(bodyId, qc.id, 'observer', since);

    const meeting = await f.meeting(bodyId, { title: 'Housing working session', startsAt: '2031-03-11T16:00:00Z', endsAt: '2031-03-11T17:00:00Z' });
    meetingId = meeting.id;
    for (const [title, durationMinutes] of [
      ['Opening remarks', 10],
      ['Interim housing costs', 30],
    ] as const) {
      const res = await t.http.post(`/api/v1/meetings/${meetingId}/agenda-items`, { title, purpose: 'discussion', durationMinutes }, admin());
      expect(res.status).toBe(201);
    }
    expect((await t.http.post(`/api/v1/meetings/${meetingId}/agenda/publish`, { translationToFollow: true }, admin())).status).toBe(200);

    const past = await f.meeting(bodyId, { title: 'January session', startsAt: '2026-01-13T16:00:00Z', endsAt: '2026-01-13T18:00:00Z' });
    pastMeetingId = past.id;
    const decision = await t.http.post(
      `/api/v1/meetings/${pastMeetingId}/decisions`,
      { text: 'The working group asks the Deputy Ministers to fund interim housing.' },
      admin(),
    );
    expect(decision.status).toBe(201);

    const item = await f.actionItem(bodyId, on.id, {
      title: 'Cost the interim housing',
      estimatedCostCents: 100_000_000,
      costShares: [
        { governmentId: ca.id, basisPoints: 5000 },
        { governmentId: on.id, basisPoints: 5000 },
      ],
    });
    itemId = item.id;
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

  it('creates an action item in French, from the action items page, and finds it in the list', async () => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD, 'fr');
    await page.goto('/action-items?lang=fr');
    await page.getByRole('heading', { level: 1, name: 'Mesures de suivi' }).waitFor();
    // nothing filled in: the design system's error summary names each field, in French
    await page.getByRole('button', { name: 'Créer la mesure de suivi' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.getByText('Choisissez l’instance dont relève la mesure.').waitFor();
    await summary.getByText('Indiquez ce qui doit être fait, en français ou en anglais.').waitFor();
    await checkScreen(page, 'create action item (fr)');

    await page.locator('select#new-item-body').selectOption({ label: 'Groupe de travail sur le logement' });
    await page.locator('input#new-item-title').fill('Évaluer les besoins en logement provisoire');
    await page.locator('input#new-item-title-en').fill('Assess interim housing needs');
    // an observer does not lead: Quebec is not offered
    await page.locator('select#new-item-lead option', { hasText: 'Ontario' }).waitFor({ state: 'attached' });
    expect(await page.locator('select#new-item-lead option', { hasText: 'Québec' }).count()).toBe(0);
    await page.locator('select#new-item-lead').selectOption({ label: 'Ontario' });
    await page.locator(`#new-item-supports-${bc.id}`).check();
    await page.locator('#new-item-due').fill('2031-06-30');
    await page.locator('input#new-item-estimate').fill('250000,00');
    await page.getByRole('button', { name: 'Créer la mesure de suivi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Évaluer les besoins en logement provisoire' }).waitFor();

    const items = (await t.http.get(`/api/v1/action-items?bodyId=${bodyId}`, admin())).body.items as any[];
    const created = items.find((i) => i.titleFr === 'Évaluer les besoins en logement provisoire');
    expect(created).toMatchObject({
      titleEn: 'Assess interim housing needs',
      leadGovernmentId: on.id,
      supportingGovernmentIds: [bc.id],
      dueOn: '2031-06-30',
      estimatedCostCents: 25_000_000,
    });

    await page.goto('/action-items?lang=fr');
    await page.getByTestId(`action-item-row-${created.id}`).getByRole('link', { name: 'Évaluer les besoins en logement provisoire' }).waitFor();
  });

  it('creates an action item from its body’s page', async () => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/bodies/${bodyId}`);
    await page.getByRole('heading', { level: 1, name: 'Working Group on Housing' }).waitFor();
    // the body is the page's: it is not asked for
    expect(await page.locator('select#new-item-body').count()).toBe(0);
    await page.locator('input#new-item-title').fill('Report shelter occupancy monthly');
    await page.locator('select#new-item-lead option', { hasText: 'British Columbia' }).waitFor({ state: 'attached' });
    await page.locator('select#new-item-lead').selectOption({ label: 'British Columbia' });
    await page.locator('#new-item-due').fill('2031-09-30');
    await page.getByRole('button', { name: 'Create the action item' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report shelter occupancy monthly' }).waitFor();
    const items = (await t.http.get(`/api/v1/action-items?bodyId=${bodyId}`, admin())).body.items as any[];
    expect(items.find((i) => i.titleEn === 'Report shelter occupancy monthly')).toMatchObject({ bodyId, leadGovernmentId: bc.id });
  });

  it('edits the cost shares: a total short of 100 % is refused in the error summary, then the new split and total are shown', async () => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/action-items/${itemId}`);
    await page.getByRole('heading', { level: 1, name: 'Cost the interim housing' }).waitFor();
    const shares = page.getByTestId('cost-shares');
    await shares
      .getByRole('row', { name: /Government of Canada/ })
      .getByText('$500,000.00')
      .waitFor();
    await page.getByTestId('cost-shares-total').getByText('100 %').waitFor();

    await page.locator(`input#share-${ca.id}`).fill('60');
    await page.locator(`input#share-${on.id}`).fill('30');
    await page.getByTestId('cost-shares-typed-total').getByText('Total of the shares: 90 %').waitFor();
    await page.getByRole('button', { name: 'Save the costs' }).click();
    await page.getByTestId('error-summary').getByText('The shares add up to 90 %; they must add up to exactly 100 %.').waitFor();
    // a field the API refuses is named under it and in the summary
    await page.locator(`input#share-${on.id}`).fill('40');
    await page.locator('input#cost-funding-source').fill('x'.repeat(501));
    await page.getByRole('button', { name: 'Save the costs' }).click();
    await page
      .getByTestId('error-summary')
      .getByText(/fundingSource must be shorter than or equal to 500 characters/)
      .waitFor();
    await checkScreen(page, 'cost shares (en)');

    await page.locator('input#cost-funding-source').fill('Interim Housing Assistance Program');
    await page.getByRole('button', { name: 'Save the costs' }).click();
    await page.getByText('The costs were saved.').waitFor();
    await shares
      .getByRole('row', { name: /Government of Canada/ })
      .getByText('$600,000.00')
      .waitFor();
    await shares
      .getByRole('row', { name: /Ontario/ })
      .getByText('$400,000.00')
      .waitFor();
    await page.getByTestId('cost-shares-total').getByText('100 %').waitFor();
    const saved = (await t.http.get(`/api/v1/action-items/${itemId}`, admin())).body;
    expect(saved.costShares).toEqual([
      { governmentId: ca.id, basisPoints: 6000 },
      { governmentId: on.id, basisPoints: 4000 },
    ]);
    expect(saved.fundingSource).toBe('Interim Housing Assistance Program');

    // in French the same figures, in French
    await page.goto(`/action-items/${itemId}?lang=fr`);
    await page
      .getByTestId('cost-shares')
      .getByRole('row', { name: /Gouvernement du Canada/ })
      .getByText(/600\s000,00\s\$/)
      .waitFor();
    await checkScreen(page, 'cost shares (fr)');
  });

  it('edits an agenda item, then deletes another after confirming (a cancelled dialog deletes nothing), and attaches a paper in French', async () => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/meetings/${meetingId}`);
    await page.getByRole('heading', { level: 1, name: 'Housing working session' }).waitFor();
    const [opening] = await agendaOf(meetingId);

    await page.getByRole('button', { name: 'Edit “Opening remarks”' }).click();
    const edit = (field: string) => `#edit-${opening.id.slice(0, 8)}-${field}`;
    await page.locator(`input${edit('title')}`).fill('Opening remarks and welcome');
    await page.locator(`input${edit('duration')}`).fill('15');
    await checkScreen(page, 'edit agenda item (en)');
    await page.getByRole('button', { name: 'Save the item' }).click();
    await page.getByRole('listitem', { name: 'Item 1: Opening remarks and welcome' }).waitFor();
    expect((await agendaOf(meetingId))[0]).toMatchObject({ title: 'Opening remarks and welcome', durationMinutes: 15 });

    await page.getByRole('button', { name: 'Delete “Interim housing costs”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Interim housing costs” from the agenda?' });
    await dialog.waitFor();
    // the agenda is published: the dialog names who will be sent the revised agenda
    await dialog.getByText(/these governments will be sent the revised agenda: .*Government of Canada.*British Columbia/).waitFor();
    await checkScreen(page, 'delete agenda item dialog (en)');
    await dialog.getByRole('button', { name: 'Go back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await agendaOf(meetingId)).map((a) => a.title)).toEqual(['Opening remarks and welcome', 'Interim housing costs']);

    await page.getByRole('button', { name: 'Delete “Interim housing costs”' }).click();
    await dialog.getByRole('button', { name: 'Delete the item' }).click();
    await page.getByRole('listitem', { name: 'Item 2: Interim housing costs' }).waitFor({ state: 'detached' });
    expect((await agendaOf(meetingId)).map((a) => a.title)).toEqual(['Opening remarks and welcome']);

    // a paper, in French: a file of the briefing note
    await page.goto(`/meetings/${meetingId}?lang=fr`);
    await page.getByRole('button', { name: 'Joindre un document à « Opening remarks and welcome »' }).click();
    const paper = (field: string) => `#paper-${opening.id.slice(0, 8)}-${field}`;
    await page.getByRole('button', { name: 'Joindre le document' }).click();
    await page.getByTestId('error-summary').getByText('Donnez un titre au document.').waitFor();
    await page.locator(`input${paper('title')}`).fill('Note d’information sur le logement');
    await page.locator(paper('file')).setInputFiles({ name: 'note.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% briefing note\n') });
    await checkScreen(page, 'add paper (fr)');
    await page.getByRole('button', { name: 'Joindre le document' }).click();
    await page.getByRole('button', { name: 'Télécharger « Note d’information sur le logement »' }).waitFor();
    const [withPaper] = await agendaOf(meetingId);
    expect(withPaper.papers).toEqual([
      expect.objectContaining({ titleFr: 'Note d’information sur le logement', fileName: 'note.pdf', contentType: 'application/pdf' }),
    ]);

    // and removed again, after a dialog naming who gets the revised agenda
    await page.getByRole('button', { name: 'Retirer « Note d’information sur le logement »' }).click();
    const removeDialog = page.getByRole('dialog', {
      name: 'Retirer le document « Note d’information sur le logement » du point « Opening remarks and welcome » ?',
    });
    await removeDialog.getByText(/ces gouvernements recevront l’ordre du jour révisé : .*Colombie-Britannique/).waitFor();
    await removeDialog.getByRole('button', { name: 'Retirer le document' }).click();
    await page.getByRole('button', { name: 'Télécharger « Note d’information sur le logement »' }).waitFor({ state: 'detached' });
    expect((await agendaOf(meetingId))[0].papers).toEqual([]);
  });

  it('reschedules the meeting after confirming who is told, shows the API’s warnings and the new local times in one format', async () => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/meetings/${meetingId}`);
    await page.getByRole('heading', { level: 1, name: 'Housing working session' }).waitFor();
    // 08:00 in Toronto is 05:00 in Vancouver
    await page.locator('#reschedule-starts').fill('2031-03-12T08:00');
    await page.locator('#reschedule-ends').fill('2031-03-12T09:00');
    await checkScreen(page, 'reschedule (en)');
    await page.getByRole('button', { name: 'Reschedule', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Move this meeting and tell every government?' });
    await dialog.getByText(/Every invited government will be told of the new time, with its delegates: .*Ontario.*British Columbia/).waitFor();
    await checkScreen(page, 'reschedule dialog (en)');
    await dialog.getByRole('button', { name: 'Move it and tell them' }).click();

    const result = page.getByTestId('reschedule-result');
    await result.getByText(/The meeting was moved/).waitFor();
    const warning = result.getByRole('listitem').filter({ hasText: 'British Columbia' });
    await warning.getByText(/Outside working hours/).waitFor();
    const saved = (await t.http.get(`/api/v1/meetings/${meetingId}`, admin())).body;
    expect(saved).toMatchObject({ startsAt: '2031-03-12T12:00:00.000Z', endsAt: '2031-03-12T13:00:00.000Z' });

    // the invitees table and the warning say the same local time, written the same way
    const bcRow = page.getByRole('table', { name: 'Invited governments' }).getByRole('row', { name: /British Columbia/ });
    await bcRow.getByText(/Mar 12, 2031, 5:00\sa\.m\. PDT/).waitFor();
    const tableTime = (await bcRow.locator('td').nth(2).innerText()).replace(/\s*PDT$/, '').trim();
    expect(await warning.innerText()).toContain(tableTime);
    await checkScreen(page, 'rescheduled (en)');

    // in French, the same time in French in both places
    await page.goto(`/meetings/${meetingId}?lang=fr`);
    const bcRowFr = page.getByRole('table', { name: 'Gouvernements invités' }).getByRole('row', { name: /Colombie-Britannique/ });
    await bcRowFr.getByText(/12 mars 2031, 5\sh\s00/).waitFor();
  });

  it('refers a decision to the parent body in French, after confirming', async () => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD, 'fr');
    await page.goto(`/meetings/${pastMeetingId}?lang=fr`);
    await page.getByRole('heading', { level: 1, name: 'January session' }).waitFor();
    await page.locator('input#referral-note-1').fill('À inscrire à la prochaine réunion');
    await page.getByRole('button', { name: 'Renvoyer la décision 1 à Table des sous-ministres' }).click();
    const dialog = page.getByRole('dialog', { name: 'Renvoyer la décision 1 à l’instance parente ?' });
    await dialog.getByText(/La décision est transmise à Table des sous-ministres/).waitFor();
    await checkScreen(page, 'referral dialog (fr)');
    await dialog.getByRole('button', { name: 'Renvoyer la décision' }).click();
    await page
      .getByTestId('referral-1')
      .getByText(/Renvoyée à Table des sous-ministres le/)
      .waitFor();

    const referred = await waitFor('the referral', async () => {
      const res = await t.http.get(`/api/v1/bodies/${parentId}/referred-decisions`, admin());
      return res.body.items?.length ? res.body.items : null;
    });
    expect(referred[0].referral).toMatchObject({ bodyId: parentId, note: 'À inscrire à la prochaine réunion' });
    await checkScreen(page, 'referred decision (fr)');
  });
});
