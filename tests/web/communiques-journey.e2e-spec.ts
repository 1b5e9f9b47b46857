import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories, TestGovernment, TestOfficial } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';
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

const TITLE_EN = 'Task force meets on irregular migration';
const TITLE_FR = 'Le groupe de travail se réunit sur la migration irrégulière';

/**
 * Joint communiqués from the secretariat's draft to the public portal, with two officials in their own
 * browsers; the worker runs, so notifications and live updates arrive as they would in production.
 */
describeWithBrowser('web: communiqués, concurrence, publication, public portal and notifications', () => {
  let t: TestApp;
  let worker: TestWorker;
  let f: Factories;
  let browser: Browser;
  let bodyId: string;
  let ca: { government: TestGovernment; official: TestOfficial };
  let on: { government: TestGovernment; official: TestOfficial };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    worker = await startTestWorker(t);
    f = new Factories(t);
    const body = await f.body({
      kind: 'task_force',
      name: 'Ad Hoc Intergovernmental Task Force on Irregular Migration',
      permanent: false,
      endsOn: '2031-12-31',
    });
    bodyId = body.id;
    const seat = async (code: string, nameEn: string, nameFr: string, level: 'federal' | 'provincial', role: 'member' | 'observer') => {
      const government = await f.government({ code, nameEn, nameFr, level });
      await f.member(bodyId, government.id, role);
      return { government, official: await f.official(government.id) };
    };
    ca = await seat('CA', 'Government of Canada', 'Gouvernement du Canada', 'federal', 'member');
    on = await seat('ON', 'Ontario', 'Ontario', 'provincial', 'member');
    await seat('QC', 'Quebec', 'Québec', 'provincial', 'observer');
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function pageFor(email: string | null, password = OFFICIAL_PASSWORD): Promise<Page> {
    const context = await newContext(browser, t.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    if (email) await signIn(page, email, password);
    return page;
  }

  const state = (page: Page, government: TestGovernment) => page.getByTestId(`concurrence-${government.id}`);

  it('drafts EN and FR side by side, gathers a concurrence and an objection, shows the revision diff, then publishes under embargo and at once; the unread count follows reads', async () => {
    const [sec, caPage, onPage] = await Promise.all([pageFor(ADMIN_EMAIL, ADMIN_PASSWORD), pageFor(ca.official.email), pageFor(on.official.email)]);
    await onPage.getByTestId('unread-count').getByText('0 unread notifications').waitFor();

    // the editor: English and French side by side, each column marked with its language
    await sec.goto('/communiques');
    await sec.locator('select#communique-body').selectOption({ label: 'Ad Hoc Intergovernmental Task Force on Irregular Migration' });
    await sec.locator('input#title-en').fill(TITLE_EN);
    await sec.locator('input#title-fr').fill(TITLE_FR);
    await sec.locator('textarea#body-en').fill('Ministers reviewed the arrivals at Lacolle and agreed to share the costs of interim housing.');
    await sec
      .locator('textarea#body-fr')
      .fill('Les ministres ont examiné les arrivées à Lacolle et ont convenu de partager les coûts de l’hébergement temporaire.');
    const english = await sec.locator('.side-by-side > [lang="en"]').boundingBox();
    const french = await sec.locator('.side-by-side > [lang="fr"]').boundingBox();
    expect(french!.x).toBeGreaterThan(english!.x + english!.width - 1);
    expect(Math.abs(french!.y - english!.y)).toBeLessThan(2);
    expect(await sec.locator('.side-by-side > [lang="fr"] input#title-fr').count()).toBe(1);
    await expectAccessible(sec, 'communiqué editor (en)');
    await screenshot(sec, 'communique-editor-en');
    await sec.getByRole('button', { name: 'Create the draft' }).click();
    await sec.getByRole('heading', { level: 1, name: TITLE_EN }).waitFor();
    const id = new URL(sec.url()).pathname.split('/').pop()!;

    await sec.getByRole('button', { name: 'Send for concurrence' }).click();
    await sec.getByTestId('communique-status').getByText('In concurrence').waitFor();
    await state(sec, ca.government).getByText('Awaiting').waitFor();
    await state(sec, on.government).getByText('Awaiting').waitFor();
    // Quebec observes: it is not asked to concur
    expect(await sec.getByRole('row', { name: /Quebec/ }).count()).toBe(0);

    // Ontario's official is told without reloading, and reading it brings the count back down
    await onPage.getByTestId('unread-count').getByText('1 unread notification').waitFor();
    // and the dashboard lists the communiqué among those awaiting Ontario's concurrence
    await onPage.locator('section[aria-labelledby="dash-communiques"]').getByRole('link', { name: TITLE_EN }).waitFor();
    await onPage.getByRole('link', { name: '1 unread notification' }).click();
    await onPage.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await onPage.getByRole('button', { name: `Mark “Your concurrence is awaited: ${TITLE_EN}” as read` }).click();
    await onPage.getByTestId('unread-count').getByText('0 unread notifications').waitFor();
    expect((await t.http.get('/api/v1/notifications', on.official.token)).body.unread).toBe(0);
    await checkBothLanguages(onPage, 'notifications');

    await caPage.goto(`/communiques/${id}`);
    await caPage.getByRole('button', { name: 'Concur on revision 1' }).click();
    await caPage.getByText('Your government concurred.').waitFor();
    await caPage.goto('/');
    await caPage.getByText('Nothing awaits your concurrence.').waitFor();
    await onPage.goto(`/communiques/${id}?lang=en`); // the language check above left it in French
    await onPage.locator('textarea#objection').fill('The text must name the cities that house the claimants.');
    await onPage.getByRole('button', { name: 'Object', exact: true }).click();
    await onPage.getByRole('dialog', { name: 'Object to revision 1?' }).getByRole('button', { name: 'Object and tell them' }).click();
    await onPage.getByText('Your objection was recorded.').waitFor();

    // the secretariat's open page follows both positions live
    await state(sec, ca.government).getByText('Concurred on this revision').waitFor({ timeout: 5_000 });
    await state(sec, on.government).getByText('Objected').waitFor({ timeout: 5_000 });
    await sec.getByRole('cell', { name: 'The text must name the cities that house the claimants.' }).waitFor();
    await sec.getByRole('button', { name: 'Publish now' }).click();
    await sec.getByText(/Every member government must concur on revision 1 first.*objecting: ON/).waitFor();

    // an edit makes revision 2: the diff shows it, and every position must be given again
    await sec
      .locator('textarea#body-en')
      .fill('Ministers reviewed the arrivals at Lacolle and agreed to share the costs of interim housing with Toronto and Montréal.');
    await sec
      .locator('textarea#body-fr')
      .fill('Les ministres ont examiné les arrivées à Lacolle et ont convenu de partager les coûts de l’hébergement temporaire avec Toronto et Montréal.');
    await sec.getByRole('button', { name: 'Save as a new revision' }).click();
    await sec.getByRole('heading', { name: 'Changes from revision 1 to 2' }).waitFor();
    await sec
      .locator('.side-by-side [lang="en"] .diff ins')
      .getByText(/with Toronto and Montréal/)
      .waitFor();
    await sec
      .locator('.side-by-side [lang="fr"] .diff ins')
      .getByText(/avec Toronto et Montréal/)
      .waitFor();
    await state(sec, ca.government).getByText('Concurred on revision 1: must concur again').waitFor();
    await state(sec, on.government).getByText('Objected to revision 1: awaiting a position on this one').waitFor();
    await checkBothLanguages(sec, 'communique-detail');

    for (const official of [caPage, onPage]) {
      await official.goto(`/communiques/${id}?lang=en`);
      await official.getByRole('button', { name: 'Concur on revision 2' }).click();
      await official.getByText('Your government concurred.').waitFor();
    }
    await sec.goto(`/communiques/${id}?lang=en`);
    await state(sec, on.government).getByText('Concurred on this revision').waitFor();

    // under embargo first: approved, not public yet
    const embargo = new Date(Date.now() + 2 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Toronto',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(embargo);
    const part = (type: string) => local.find((p) => p.type === type)!.value;
    await sec.locator('#embargo').fill(`${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${pad(Number(part('minute')))}`);
    await sec.getByRole('button', { name: 'Publish at the embargo time' }).click();
    await sec.getByText('Will be published at the embargo time.').waitFor();
    await sec.getByTestId('communique-status').getByText('Approved').waitFor();
    const embargoed = (await t.http.get(`/api/v1/communiques/${id}`, t.adminToken)).body;
    expect(embargoed.status).toBe('approved');
    expect(Math.abs(Date.parse(embargoed.embargoUntil) - embargo.getTime())).toBeLessThan(60_000);
    expect((await t.http.get(`/api/v1/public/communiques/${id}`)).status).toBe(404);
    await screenshot(sec, 'communique-embargoed-en');

    // then at once
    await sec.locator('#embargo').fill('');
    await sec.getByRole('button', { name: 'Publish now' }).click();
    await sec.getByText('Published.', { exact: true }).waitFor();
    await sec.getByTestId('communique-status').getByText('Published').waitFor();
    expect((await t.http.get(`/api/v1/public/communiques/${id}`)).status).toBe(200);
    await screenshot(sec, 'communique-published-en');
  });

  /** Published through the API: the portal test stands on its own. */
  async function publishedCommunique(titleEn: string, titleFr: string): Promise<string> {
    const created = await t.http.post(
      '/api/v1/communiques',
      { bodyId, titleEn, titleFr, bodyEn: 'Ministers met in Montréal.', bodyFr: 'Les ministres se sont réunis à Montréal.' },
      t.adminToken,
    );
    const id = created.body.id;
    await t.http.post(`/api/v1/communiques/${id}/submit`, {}, t.adminToken);
    for (const seat of [ca, on]) await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 1 }, seat.official.token);
    const published = await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken);
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
    return id;
  }

  it('the public portal is reachable from the app header without an account, in English and in French', async () => {
    const titleEn = 'Joint statement on interim housing';
    const titleFr = 'Déclaration commune sur l’hébergement temporaire';
    const id = await publishedCommunique(titleEn, titleFr);

    const visitor = await pageFor(null);
    await visitor.goto('/login');
    await visitor.getByRole('link', { name: 'Public communiqués' }).click();
    await visitor.waitForURL('**/en/communiques');
    await visitor.getByRole('heading', { level: 1, name: 'Joint communiqués' }).waitFor();
    await expectAccessible(visitor, 'public list (en)');
    await screenshot(visitor, 'public-list-en');
    await visitor.getByRole('link', { name: titleEn }).click();
    await visitor.waitForURL(`**/en/communiques/${id}`);
    await visitor.getByRole('heading', { level: 1, name: titleEn }).waitFor();
    await expectAccessible(visitor, 'public communiqué (en)');
    await screenshot(visitor, 'public-communique-en');
    await visitor.getByRole('link', { name: 'Français' }).click();
    await visitor.waitForURL(`**/fr/communiques/${id}`);
    await visitor.getByRole('heading', { level: 1, name: titleFr }).waitFor();
    expect(await visitor.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expectAccessible(visitor, 'public communiqué (fr)');
    await screenshot(visitor, 'public-communique-fr');

    // a signed-in official reading in French reaches the French portal from the same header
    const official = await pageFor(ca.official.email);
    await official.goto('/communiques?lang=fr');
    await official.getByRole('link', { name: 'Communiqués publics' }).first().click();
    await official.waitForURL('**/fr/communiques');
    await official.getByRole('heading', { level: 1, name: 'Communiqués conjoints' }).waitFor();
    await official.getByRole('link', { name: titleFr }).waitFor();
    await expectAccessible(official, 'public list (fr)');
    await screenshot(official, 'public-list-fr');
  });
});
