import { loadDemoData } from '../../apps/api/src/demo/demo-data';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-governments';
import { startTestApp, TestApp } from '../support/test-app';

const M = 100_000_000;

/** One seeded demo for every check of it: loading the demo is the costly part. */
describe('demo data (what npm start loads)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await loadDemoData(t.app);
  }, 120_000);
  afterAll(() => t?.close());

  const login = async (email: string) => (await t.http.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD })).body.accessToken as string;

  it('lets the demo secretariat log in and list the FMRI bodies', async () => {
    const token = await login('secretariat@forum.demo');
    const bodies = await t.http.get('/api/v1/bodies?limit=100', token);
    expect(bodies.status).toBe(200);
    const names = bodies.body.items.map((b: { name: string }) => b.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Deputy Ministers' Table",
        "Assistant Deputy Ministers' Table",
        'Policy and Planning Table',
        'Economic Operations Working Group',
        'Anti-Fraud Subgroup',
        'Francophone Immigration Working Group',
        'Settlement and Integration Working Group',
        'Levels Working Group',
        'Working Group on Asylum and Irregular Migration',
        'Ad Hoc Intergovernmental Task Force on Irregular Migration',
      ]),
    );
  });

  it('has all 14 FPT governments, three cities and FCM, in the order of precedence with IANA zones', async () => {
    const token = await login('official.tor@forum.demo');
    const res = await t.http.get('/api/v1/governments?limit=100', token);
    const codes = res.body.items.map((g: { code: string }) => g.code);
    expect(codes.slice(0, 14)).toEqual(['CA', 'ON', 'QC', 'NS', 'NB', 'MB', 'BC', 'PE', 'SK', 'AB', 'NL', 'NT', 'YT', 'NU']);
    expect(codes).toEqual(expect.arrayContaining(['TOR', 'MTL', 'CK', 'FCM']));
    const zone = (code: string) => res.body.items.find((g: { code: string }) => g.code === code).timeZone;
    expect(zone('NL')).toBe('America/St_Johns');
    expect(zone('SK')).toBe('America/Regina');
  });

  it('makes Quebec an observer and co-chairs every FMRI working group with the federal government and a province', async () => {
    const token = await login('secretariat@forum.demo');
    const bodies = (await t.http.get('/api/v1/bodies?kind=working_group&limit=100', token)).body.items;
    for (const body of bodies) {
      const members = (await t.http.get(`/api/v1/bodies/${body.id}/members`, token)).body.items;
      expect(members.find((m: { government: { code: string } }) => m.government.code === 'QC')?.role).toBe('observer');
      const coChairs = members.filter((m: { role: string }) => m.role === 'co_chair').map((m: { government: { level: string } }) => m.government.level);
      expect(coChairs.sort()).toEqual(['federal', 'provincial']);
    }
  });

  it('keeps the task force closed with its membership history: Toronto added in 2018, Ontario ended', async () => {
    const token = await login('secretariat@forum.demo');
    const taskForce = (await t.http.get('/api/v1/bodies?kind=task_force', token)).body.items[0];
    expect(taskForce).toMatchObject({ permanent: false, endsOn: '2018-08-31' });
    const history = (await t.http.get(`/api/v1/bodies/${taskForce.id}/members?includeEnded=true`, token)).body.items;
    const seat = (code: string) => history.find((m: { government: { code: string } }) => m.government.code === code);
    expect(seat('TOR').startedAt.slice(0, 4)).toBe('2018');
    expect(seat('ON').endedAt.slice(0, 4)).toBe('2018');
  });

  it('is idempotent: loading twice adds nothing', async () => {
    const token = await login('secretariat@forum.demo');
    const before = (await t.http.get('/api/v1/bodies?limit=1', token)).body.total;
    await loadDemoData(t.app);
    expect((await t.http.get('/api/v1/bodies?limit=1', token)).body.total).toBe(before);
  });

  it('holds the study’s RCMP interceptions, with the forum alerted at surge in July 2017 and the live months at warning', async () => {
    const token = (await t.http.post('/api/v1/auth/login', { email: 'official.mb@forum.demo', password: DEMO_PASSWORD })).body.accessToken as string;
    const list = await t.http.get('/api/v1/indicators', token);
    const rcmp = list.body.items.find((i: { code: string }) => i.code === 'rcmp-interceptions');
    expect(rcmp).toMatchObject({ unit: 'people', warningAt: 1500, surgeAt: 2500, latest: { period: '2026-11', level: 'warning' } });

    const series = await t.http.get(`/api/v1/indicators/${rcmp.id}/series?from=2017-01&to=2020-07`, token);
    const byYear = (year: string) =>
      series.body.items
        .filter((p: { period: string }) => p.period.startsWith(year))
        .reduce((sum: number, p: { total: number | null }) => sum + (p.total ?? 0), 0);
    // the members' figures of the study's Table 1 (Quebec, Manitoba, British Columbia, Alberta, Ontario)
    expect([byYear('2017'), byYear('2018'), byYear('2019'), byYear('2020')]).toEqual([
      18836 + 1018 + 718 + 6,
      18518 + 410 + 479 + 12,
      16136 + 180 + 180 + 1,
      3067 + 19 + 56,
    ]);

    const alerts = await t.http.get(`/api/v1/indicators/${rcmp.id}/alerts?limit=200`, token);
    const july2017 = alerts.body.items.find((a: { period: string }) => a.period === '2017-07');
    expect(july2017).toMatchObject({ level: 'surge' });
    expect(alerts.body.items.filter((a: { period: string }) => a.period === '2017-06')).toEqual([]);
  });

  /** The study's funding episodes as the demo loads them: programs, claims, decisions and payments. */
  describe('funding', () => {
    let token: string;
    let codes: Map<string, string>;
    beforeAll(async () => {
      token = (await t.http.post('/api/v1/auth/login', { email: 'official.mb@forum.demo', password: DEMO_PASSWORD })).body.accessToken;
      codes = new Map((await t.http.get('/api/v1/governments?limit=200', token)).body.items.map((g: { id: string; code: string }) => [g.id, g.code]));
    });

    const programNamed = async (prefix: string) => {
      const programs = (await t.http.get('/api/v1/funding-programs', token)).body.items;
      return programs.find((p: { nameEn: string }) => p.nameEn.startsWith(prefix));
    };
    const claimsOf = async (id: string) =>
      (await t.http.get(`/api/v1/funding-programs/${id}/claims?limit=200`, token)).body.items.map((c: any) => ({
        ...c,
        code: codes.get(c.claimantGovernmentId),
      }));

    it('has the June 2018 $50M (Quebec $36M, Ontario $11M, Manitoba $3M) and Ontario’s $200M request with its three heads, not accepted', async () => {
      const june = await programNamed('Federal support');
      expect(june).toMatchObject({ budgetCents: 50 * M, approvedCents: 50 * M, remainingCents: 0, translation: { status: 'complete' } });
      const claims = await claimsOf(june.id);
      const paid = claims.filter((c: any) => c.status === 'paid' || c.status === 'reconciled').map((c: any) => [c.code, c.paidCents / M]);
      expect(paid).toEqual([
        ['QC', 36],
        ['ON', 11],
        ['MB', 3],
      ]);
      const ontario = claims.filter((c: any) => c.status === 'rejected').map((c: any) => [c.code, c.requestedCents / M]);
      expect(ontario).toEqual([
        ['ON', 89],
        ['ON', 90],
        ['ON', 20],
      ]);
    });

    it('has the 2019 Interim Housing Assistance Program: Toronto $62M in several payments, Manitoba $5M, Quebec $250M for 2017-18', async () => {
      const ihap = await programNamed('Interim Housing Assistance Program');
      expect(ihap).toMatchObject({ budgetCents: 324 * M, approvedCents: 317 * M, remainingCents: 7 * M, actionItemId: expect.any(String) });
      expect((await t.http.get(`/api/v1/action-items/${ihap.actionItemId}`, token)).body.title).toMatch(/Interim Housing Assistance Program/);
      const claims = await claimsOf(ihap.id);
      const byCode = Object.fromEntries(claims.map((c: any) => [c.code, c]));
      expect(byCode.TOR).toMatchObject({ status: 'paid', approvedCents: 62 * M, paidCents: 62 * M });
      expect(byCode.TOR.payments).toHaveLength(3);
      expect(byCode.TOR.fiscalYears.claimant.map((y: any) => y.fiscalYear)).toEqual(['2018', '2019']);
      expect(byCode.MB).toMatchObject({ status: 'paid', paidCents: 5 * M });
      expect(byCode.QC).toMatchObject({
        status: 'reconciled',
        requestedCents: 300 * M,
        approvedCents: 250 * M,
        periodFrom: '2017-04-01',
        periodTo: '2018-03-31',
      });
      const y = (await t.http.get(`/api/v1/funding-programs/${ihap.id}/summary?fiscalYear=2017-18`, token)).body;
      // Quebec's claim lies wholly in 2017-18; Toronto's (1 January 2018 – 31 December 2019) has 90 of its 730 days there:
      // 6,200,000,000 × 90/730 = 764,383,561.64, and the cent left over goes to the largest remainder
      expect(y.governments.map((g: any) => [g.governmentCode, g.approvedCents])).toEqual([
        ['QC', 250 * M],
        ['TOR', 764_383_562],
      ]);
    });
  });

  describe('action items', () => {
    it('has items in every state on the asylum working group and the task force, with the study’s funding figures', async () => {
      const token = await login('secretariat@forum.demo');
      const bodies = (await t.http.get('/api/v1/bodies?limit=100', token)).body.items as { id: string; name: string }[];
      const idOf = (name: string) => bodies.find((b) => b.name === name)!.id;
      const items = [];
      for (const name of ['Working Group on Asylum and Irregular Migration', 'Ad Hoc Intergovernmental Task Force on Irregular Migration']) {
        const res = await t.http.get(`/api/v1/action-items?bodyId=${idOf(name)}&limit=100`, token);
        expect(res.status).toBe(200);
        items.push(...res.body.items);
      }
      expect(new Set(items.map((i: { status: string }) => i.status))).toEqual(new Set(['not_started', 'in_progress', 'blocked', 'done', 'cancelled']));
      const ihap = items.find((i: { title: string }) => /Interim Housing Assistance Program/.test(i.title));
      expect(ihap).toMatchObject({ estimatedCostCents: 32_400_000_000, actualCostCents: 31_700_000_000 });
      const june = items.find((i: { title: string }) => /June 2018/.test(i.title));
      expect(june).toMatchObject({ status: 'done', estimatedCostCents: 5_000_000_000 });
      expect(june.description).toMatch(/Quebec \$36M, Ontario \$11M and Manitoba \$3M/);
      const overdue = await t.http.get(`/api/v1/action-items?overdue=true&bodyId=${idOf('Working Group on Asylum and Irregular Migration')}`, token);
      expect(overdue.body.total).toBeGreaterThanOrEqual(2);
    });

    it('lets an official of the lead government read the history of their item', async () => {
      const token = await login('official.mb@forum.demo');
      const mine = (await t.http.get('/api/v1/action-items?limit=100', token)).body.items.find((i: { title: string }) => /data-sharing protocol/.test(i.title));
      const history = await t.http.get(`/api/v1/action-items/${mine.id}/updates`, token);
      expect(history.body.items[0]).toMatchObject({ kind: 'report', progress: 70, note: expect.stringMatching(/Draft protocol/) });
    });
  });
});
