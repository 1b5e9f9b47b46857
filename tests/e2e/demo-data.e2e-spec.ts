import { loadDemoData } from '../../apps/api/src/demo/demo-data';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-governments';
import { startTestApp, TestApp } from '../support/test-app';

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
});
