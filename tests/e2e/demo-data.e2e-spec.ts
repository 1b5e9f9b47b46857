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
});
