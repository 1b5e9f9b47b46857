import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { checkBothLanguages, describeWithBrowser, ensureWebBuilt, launchBrowser, newContext, signIn } from '../support/web-browser';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(180_000));

describeWithBrowser('web: funding, a claim with evidence and the funder approving part of it', () => {
  let t: TestApp;
  let f: Factories;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    f = new Factories(t);
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await t?.close();
  });

  async function pageFor(email: string, password = OFFICIAL_PASSWORD): Promise<Page> {
    const context = await newContext(browser, t.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, email, password);
    return page;
  }

  it('the claimant submits a claim with an evidence document; the funder approves part of it', async () => {
    const { body, seats } = await f.bodyWith(
      { funder: { role: 'co_chair', level: 'federal' }, claimant: { role: 'member' } },
      { name: 'Funding journey table' },
    );
    // the secretariat sets up the program
    const secretariat = await pageFor(ADMIN_EMAIL, ADMIN_PASSWORD);
    await secretariat.goto(`/bodies/${body.id}/funding`);
    await secretariat.getByText('No funding program at this body yet.').waitFor();
    await secretariat.getByLabel('Name in English').fill('Interim Housing Assistance Program');
    await secretariat.getByLabel('Name in French').fill('Programme d’aide au logement provisoire');
    await secretariat.locator('select#program-funder').selectOption(seats.funder.government.id);
    await secretariat.getByLabel('Budget (dollars, optional)').fill('324000000');
    await secretariat.locator('#program-from').fill('2017-04-01');
    await secretariat.locator('#program-to').fill('2019-12-31');
    await secretariat.getByRole('button', { name: 'Set up the program' }).click();
    await secretariat.getByText('The program was set up.').waitFor();
    await secretariat.getByRole('heading', { level: 2, name: 'Interim Housing Assistance Program' }).waitFor();
    const programs = (await t.http.get(`/api/v1/funding-programs?bodyId=${body.id}`, t.adminToken)).body.items;
    expect(programs).toEqual([
      expect.objectContaining({
        budgetCents: 32_400_000_000,
        fundingGovernmentId: seats.funder.government.id,
        eligibleFrom: '2017-04-01',
        eligibleTo: '2019-12-31',
        nameFr: 'Programme d’aide au logement provisoire',
      }),
    ]);
    const program = { body: programs[0] };
    await checkBothLanguages(secretariat, 'funding-secretariat');
    // an evidence document of this body (a minimal stand-in for the documents library's table when it is not there)
    const [{ exists }] = await t.dataSource.query(`SELECT to_regclass('public.document') IS NOT NULL AS exists`);
    if (!exists) await t.dataSource.query(`CREATE TABLE document (id uuid PRIMARY KEY, body_id uuid NOT NULL)`);
    const evidence = randomUUID();
    await t.dataSource.query(
      `INSERT INTO document (id, body_id, source_lang, language, access, marking) VALUES ($1, $2, 'en', 'en', 'members', 'unclassified')`,
      [evidence, body.id],
    );

    const claimant = await pageFor(seats.claimant.official.email);
    await claimant.goto(`/bodies/${body.id}/funding`);
    await claimant.getByRole('heading', { level: 2, name: 'Interim Housing Assistance Program' }).waitFor();
    await claimant.locator('input[id$="-from"]').fill('2018-01-01');
    await claimant.locator('input[id$="-to"]').fill('2018-06-30');
    await claimant.getByLabel('Amount requested (dollars)').fill('1250.50');
    await claimant.getByLabel('What the claim covers').fill('Motel rooms for asylum claimants, January to June 2018');
    await claimant.getByLabel('Evidence documents (ids, one per line)').fill(evidence);
    await claimant.getByRole('button', { name: 'Submit the claim' }).click();
    await claimant.getByText('The claim was submitted.').waitFor();
    const claims = (await t.http.get(`/api/v1/funding-programs/${program.body.id}/claims`, t.adminToken)).body.items;
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({
      requestedCents: 125_050,
      periodFrom: '2018-01-01',
      periodTo: '2018-06-30',
      evidenceDocumentIds: [evidence],
      status: 'submitted',
    });
    await claimant
      .getByRole('table', { name: 'Amounts by fiscal year of the funder and claimant government' })
      .getByRole('row', { name: /2017-18/ })
      .waitFor();
    await checkBothLanguages(claimant, 'funding-body');
    // the page was left in French: the program's French name, whatever the account's own language
    await claimant.getByRole('heading', { level: 2, name: 'Programme d’aide au logement provisoire' }).waitFor();

    const funder = await pageFor(seats.funder.official.email);
    await funder.goto(`/funding-claims/${claims[0].id}`);
    await funder.getByTestId('claim-status').getByText('Submitted').waitFor();
    await funder.getByLabel('Amount approved (dollars)').fill('1000');
    await funder.getByLabel('Comment').fill('Eligible nights only');
    await funder.getByRole('button', { name: 'Record the decision' }).click();
    await funder.getByText('The decision was recorded.').waitFor();
    await funder.getByTestId('claim-status').getByText('Approved').waitFor();
    await funder.getByTestId('claim-approved').getByText('$1,000.00').waitFor();
    const decided = (await t.http.get(`/api/v1/funding-claims/${claims[0].id}`, t.adminToken)).body;
    expect(decided).toMatchObject({
      status: 'approved',
      approvedCents: 100_000,
      decision: { comment: 'Eligible nights only', decidedByUserId: seats.funder.official.id },
    });
    await funder.getByRole('heading', { name: 'Record a payment' }).waitFor();
    await checkBothLanguages(funder, 'funding-claim');
  });
});
