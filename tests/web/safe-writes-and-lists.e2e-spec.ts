import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { describeWithBrowser, ensureWebBuilt, expectAccessible, launchBrowser, newContext, screenshot, signIn } from '../support/web-browser';
import { scaled, waitFor } from '../support/timeouts';

jest.setTimeout(scaled(300_000));

/**
 * Writes that must not lose data, and lists the API pages: a refused co-chair change leaves the seat as it was,
 * a stale edit keeps the other person's field, a meeting is cancelled only once confirmed, and 114 meetings are
 * all reachable with the upcoming ones first.
 */
describeWithBrowser('web: safe writes and server-side lists', () => {
  let t: TestApp;
  let f: Factories;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    f = new Factories(t);
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

  /** axe at a desktop width and at a phone's */
  async function accessibleAtBothWidths(label: string): Promise<void> {
    await expectAccessible(page, `${label} (1280 px)`);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, `${label} (390 px)`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('in French, refuses to make Québec a third co-chair in one request and leaves its seat (held since 2016) untouched', async () => {
    const { body, seats } = await f.bodyWith(
      {
        ca: { level: 'federal', role: 'co_chair', since: '2016-01-15T00:00:00Z' },
        on: { role: 'co_chair', since: '2016-01-15T00:00:00Z' },
        qc: { role: 'member', since: '2016-03-01T00:00:00Z' },
      },
      { kind: 'working_group' },
    );
    const qc = seats.qc.government;
    const seatOf = async () =>
      (await t.http.get(`/api/v1/bodies/${body.id}/members?includeEnded=true`, t.adminToken)).body.items.filter((m: any) => m.governmentId === qc.id);
    const before = await seatOf();
    expect(before).toHaveLength(1);

    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes(`/bodies/${body.id}/members`) && r.method() !== 'GET') requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD, 'fr');
    await page.goto(`/bodies/${body.id}?lang=fr`);
    await page.getByRole('button', { name: `Nommer ${qc.nameEn.replace('Government', 'Gouvernement')} à la coprésidence` }).click();
    await page
      .getByRole('alert')
      .getByText(/n’a pas été nommé à la coprésidence et son siège reste inchangé/)
      .waitFor();
    // one PATCH, no DELETE: the seat is never ended, not even for a moment
    expect(requests).toEqual([`PATCH /api/v1/bodies/${body.id}/members/${qc.id}`]);
    const after = await seatOf();
    expect(after).toEqual(before);
    expect(after[0]).toMatchObject({ role: 'member', endedAt: null, startedAt: '2016-03-01T00:00:00.000Z' });
    const row = page.getByRole('row', { name: new RegExp(qc.code) });
    await row.getByText('1 mars 2016').or(row.getByText('2016-03-01')).first().waitFor();
    await accessibleAtBothWidths('co-chair refused (fr)');
    await screenshot(page, 'co-chair-refused-fr');
  });

  it('asks before ending a membership, and going back keeps the seat', async () => {
    const { body, seats } = await f.bodyWith({ mb: { role: 'member', since: '2017-05-01T00:00:00Z' } });
    const name = seats.mb.government.nameEn;
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/bodies/${body.id}`);
    await page.getByRole('button', { name: `End membership of ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `End the membership of ${name}?` });
    await dialog.getByText(/since May 1, 2017|since 1 May 2017|since 2017-05-01/).waitFor();
    await accessibleAtBothWidths('end membership dialog');
    await dialog.getByRole('button', { name: 'Go back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const active = (await t.http.get(`/api/v1/bodies/${body.id}/members`, t.adminToken)).body.items;
    expect(active.map((m: any) => m.governmentId)).toEqual([seats.mb.government.id]);
  });

  it('a stale edit shows what the other person changed and reapplies only my field: their "Blocked" survives', async () => {
    const { body, seats } = await f.bodyWith({ on: { role: 'member' } });
    const created = await f.actionItem(body.id, seats.on.government.id, { title: 'Ontario shelter capacity report' });
    await f.moveActionItem(created.id, 'in_progress');
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/action-items/${created.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ontario shelter capacity report' }).waitFor();
    // A (in the browser) moves the progress only
    await page.locator('#item-progress').fill('60');
    // B (Ontario's official, through the API) blocks it meanwhile
    const read = (await t.http.get(`/api/v1/action-items/${created.id}`, seats.on.official.token)).body;
    const blocked = await t.http.patch(`/api/v1/action-items/${created.id}`, { version: read.version, status: 'blocked' }, seats.on.official.token);
    expect(blocked.status).toBe(200);

    await page.getByRole('button', { name: 'Save the update' }).click();
    await page.getByText('Someone changed this item while you were editing').waitFor();
    const theirs = page.getByTestId('stale-their-changes');
    await theirs.getByText('Status: In progress → Blocked').waitFor();
    expect(await theirs.getByRole('listitem').count()).toBe(1);
    await page.getByText(/Reapplying sends only what you changed: Progress \(60 %\)/).waitFor();
    await accessibleAtBothWidths('stale edit');
    await screenshot(page, 'stale-edit-merge');

    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches.push(r.postData() ?? '');
    });
    await page.getByRole('button', { name: 'Reapply my changes' }).click();
    await page.getByText('The update was saved.').waitFor();
    expect(patches.map((p) => Object.keys(JSON.parse(p)).sort())).toEqual([['progress', 'version']]);
    const saved = (await t.http.get(`/api/v1/action-items/${created.id}`, t.adminToken)).body;
    expect(saved).toMatchObject({ status: 'blocked', progress: 60 });
    await page.getByTestId('action-item-status').getByText('Blocked').waitFor();
  });

  it('asks before cancelling a meeting, naming the governments that will be told; going back cancels nothing', async () => {
    const { body, seats } = await f.bodyWith({ ca: { level: 'federal', role: 'member' }, mb: { role: 'member' } });
    const meeting = await f.meeting(body.id, { title: 'Interim housing: spring review' });
    const statusOf = async () => (await t.http.get(`/api/v1/meetings/${meeting.id}`, t.adminToken)).body.status;
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD, 'fr');
    await page.goto(`/meetings/${meeting.id}?lang=fr`);
    await page.getByRole('button', { name: 'Annuler la réunion' }).click();
    const dialog = page.getByRole('dialog', { name: 'Annuler cette réunion?' });
    const notified = dialog.getByTestId('cancel-notified');
    for (const s of Object.values(seats)) await notified.getByText(new RegExp(s.government.code)).waitFor();
    await accessibleAtBothWidths('cancel meeting dialog (fr)');
    await screenshot(page, 'cancel-meeting-confirm-fr');
    await dialog.getByRole('button', { name: 'Revenir en arrière' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await statusOf()).toBe('scheduled');

    // and in English, confirmed this time
    await page.goto(`/meetings/${meeting.id}?lang=en`);
    await page.getByRole('button', { name: 'Cancel the meeting' }).click();
    await page.getByRole('dialog', { name: 'Cancel this meeting?' }).getByRole('button', { name: 'Cancel the meeting and notify them' }).click();
    await waitFor('the meeting to be cancelled', async () => (await statusOf()) === 'cancelled');
    await page.locator('main').getByText('Cancelled').first().waitFor();
  });

  it('pages through 114 meetings, upcoming ones first (soonest first) and the past newest first, and the dashboard counts what the API counts', async () => {
    const { body } = await f.bodyWith(
      { ca: { level: 'federal', role: 'member', since: '2015-01-01T00:00:00Z' } },
      { name: 'Task force on irregular crossings' },
    );
    const day = 24 * 3600_000;
    const past = Array.from({ length: 104 }, (_, i) => new Date(Date.UTC(2016, 0, 5) + i * 5 * day)); // 2016–2017
    const upcoming = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2032, 0, 6 + i * 7, 16)));
    const times = [...past, ...upcoming];
    for (let i = 0; i < times.length; i += 6) {
      await Promise.all(
        times.slice(i, i + 6).map((start) =>
          f.meeting(body.id, {
            title: `Task force ${start.toISOString().slice(0, 10)}`,
            startsAt: start.toISOString(),
            endsAt: new Date(start.getTime() + 3600_000).toISOString(),
          }),
        ),
      );
    }
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/meetings?bodyId=${body.id}`);
    const upcomingList = page.getByTestId('meetings-upcoming');
    const pastList = page.getByTestId('meetings-past');
    await upcomingList.getByTestId('meeting-row').first().waitFor();
    // the upcoming section comes first on the page, soonest first
    const firstRow = page.getByTestId('meeting-row').first();
    expect(await firstRow.getAttribute('data-starts-at')).toBe(upcoming[0].toISOString());
    expect(await upcomingList.getByTestId('meeting-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-starts-at')))).toEqual(
      upcoming.map((d) => d.toISOString()),
    );
    // the past, newest first, 25 a page
    const position = page.getByTestId('pager-meetings-past-position');
    await position.getByText('1–25 of 104 (page 1 of 5)').waitFor();
    expect(await pastList.getByTestId('meeting-row').first().getAttribute('data-starts-at')).toBe(past[103].toISOString());
    await accessibleAtBothWidths('meetings, paged');
    await screenshot(page, 'meetings-paged');
    const pastPager = page.getByRole('navigation', { name: 'Pages of past meetings' });
    for (let p = 2; p <= 5; p++) {
      await pastPager.getByRole('button', { name: 'Next page' }).click();
      await position.getByText(new RegExp(`\\(page ${p} of 5\\)`)).waitFor();
    }
    await position.getByText('101–104 of 104 (page 5 of 5)').waitFor();
    await waitFor(
      'the oldest meetings on the last page',
      async () =>
        (await pastList.getByTestId('meeting-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-starts-at')))).join() ===
        past
          .slice(0, 4)
          .reverse()
          .map((d) => d.toISOString())
          .join(),
    );

    // the dashboard's count is the API's total, past the first hundred
    const total = (await t.http.get(`/api/v1/meetings?from=${encodeURIComponent(new Date().toISOString())}&status=draft,scheduled&limit=1`, t.adminToken)).body
      .total;
    expect(total).toBeGreaterThanOrEqual(10);
    await page.goto('/?lang=fr');
    await page.getByTestId('dash-upcoming-count').getByText(`${total} réunions à venir.`).waitFor();
    await accessibleAtBothWidths('dashboard (fr)');
  });
});
