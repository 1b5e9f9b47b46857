import { loadDemoData } from '../../apps/api/src/demo/demo-data';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-governments';
import { startTestApp, TestApp } from '../support/test-app';

describe('action items: demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await loadDemoData(t.app);
  }, 120_000);
  afterAll(() => t?.close());

  const login = async (email: string) => (await t.http.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD })).body.accessToken as string;

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
