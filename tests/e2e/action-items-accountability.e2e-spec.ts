import { parse } from 'csv-parse/sync';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A hand-computed fixture, read as of 2030-06-15 (Toronto):
 *   A leads 1 in_progress 40% due 06-01 (overdue), est $10,000.00 shared A 60% / B 40%, actual $3,000.01
 *           2 not_started due 06-17 (due soon)
 *           3 done, due 2099 (on time)      4 done, due 2020 (late)      5 cancelled, est $9.99 all A (counts nowhere)
 *   B leads 6 blocked 20% due 07-01, est $50M shared B 72% / A 22% / C 6% (the June 2018 split)
 */
describe('action items: accountability reports', () => {
  let t: TestApp;
  let f: Factories;
  let world: Awaited<ReturnType<Factories['bodyWith']>>;
  const asOf = '2030-06-15T16:00:00Z';

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    world = await f.bodyWith({
      A: { role: 'co_chair', level: 'federal' },
      B: { role: 'member', level: 'provincial' },
      C: { role: 'member', level: 'municipal' },
      O: { role: 'observer', level: 'provincial' },
    });
    const [A, B, C] = ['A', 'B', 'C'].map((k) => world.seats[k].government.id);
    const body = world.body.id;
    const one = await f.actionItem(body, A, {
      dueOn: '2030-06-01',
      estimatedCostCents: 1_000_000,
      actualCostCents: 300_001,
      costShares: [
        { governmentId: A, basisPoints: 6000 },
        { governmentId: B, basisPoints: 4000 },
      ],
    });
    const moved = await f.moveActionItem(one.id, 'in_progress');
    await t.http.patch(`/api/v1/action-items/${one.id}`, { version: moved.version, progress: 40 }, t.adminToken);
    await f.actionItem(body, A, { dueOn: '2030-06-17' });
    await f.moveActionItem((await f.actionItem(body, A, { dueOn: '2099-01-01' })).id, 'in_progress', 'done');
    await f.moveActionItem((await f.actionItem(body, A, { dueOn: '2020-01-01' })).id, 'in_progress', 'done');
    await f.moveActionItem((await f.actionItem(body, A, { estimatedCostCents: 999, costShares: [{ governmentId: A, basisPoints: 10000 }] })).id, 'cancelled');
    const six = await f.actionItem(body, B, {
      dueOn: '2030-07-01',
      status: 'in_progress',
      progress: 20,
      estimatedCostCents: 5_000_000_000,
      costShares: [
        { governmentId: B, basisPoints: 7200 },
        { governmentId: A, basisPoints: 2200 },
        { governmentId: C, basisPoints: 600 },
      ],
    });
    await f.moveActionItem(six.id, 'blocked');
  });
  afterAll(() => t?.close());

  const rowOf = (report: { governments: { governmentId: string }[] }, key: string) =>
    report.governments.find((g) => g.governmentId === world.seats[key].government.id);

  it('gives per government the counts, average progress and committed versus actual cost share', async () => {
    const res = await t.http.get(`/api/v1/bodies/${world.body.id}/accountability?asOf=${asOf}`, world.seats.O.official.token);
    expect(res.status).toBe(200);
    expect(rowOf(res.body, 'A')).toMatchObject({
      led: 5,
      open: 2,
      overdue: 1,
      dueSoon: 1,
      doneOnTime: 1,
      doneLate: 1,
      cancelled: 1,
      averageProgress: 60,
      committedCostCents: 1_100_600_000,
      actualCostCents: 180_001,
      byFiscalYear: [{ fiscalYear: '2030-31', committedCostCents: 1_100_600_000, actualCostCents: 180_001 }],
    });
    expect(rowOf(res.body, 'B')).toMatchObject({
      led: 1,
      open: 1,
      overdue: 0,
      dueSoon: 0,
      doneOnTime: 0,
      doneLate: 0,
      averageProgress: 20,
      committedCostCents: 3_600_400_000,
      actualCostCents: 120_000,
    });
    expect(rowOf(res.body, 'C')).toMatchObject({
      led: 0,
      open: 0,
      averageProgress: null,
      committedCostCents: 300_000_000,
      actualCostCents: 0,
      byFiscalYear: [{ fiscalYear: '2030' }],
    });
    expect(rowOf(res.body, 'O')).toMatchObject({ led: 0, role: 'observer', committedCostCents: 0 });
    expect(res.body.totals).toEqual({
      items: 6,
      open: 3,
      overdue: 1,
      dueSoon: 1,
      doneOnTime: 1,
      doneLate: 1,
      cancelled: 1,
      estimatedCostCents: 5_001_000_000,
      actualCostCents: 300_001,
    });
    // the governments' shares of each live item add up to the item's cost: nothing lost or invented
    const committed = res.body.governments.reduce((n: number, g: { committedCostCents: number }) => n + g.committedCostCents, 0);
    expect(committed).toBe(res.body.totals.estimatedCostCents);
  });

  it('gives a government its own figures across bodies', async () => {
    const A = world.seats.A.government.id;
    const res = await t.http.get(`/api/v1/governments/${A}/accountability?asOf=${asOf}`, world.seats.A.official.token);
    expect(res.status).toBe(200);
    expect(res.body.governments).toHaveLength(1);
    expect(res.body.governments[0]).toMatchObject({
      governmentId: A,
      led: 5,
      overdue: 1,
      dueSoon: 1,
      averageProgress: 60,
      committedCostCents: 1_100_600_000,
      actualCostCents: 180_001,
    });
    expect(res.body.bodies).toEqual([expect.objectContaining({ bodyId: world.body.id, led: 5, committedCostCents: 1_100_600_000 })]);
    // an official of another government sees only the bodies it sits in: none here
    const outsider = await f.official((await f.government()).id);
    const hidden = await t.http.get(`/api/v1/governments/${A}/accountability?asOf=${asOf}`, outsider.token);
    expect(hidden.status).toBe(200);
    expect(hidden.body.governments[0]).toMatchObject({ led: 0, committedCostCents: 0 });
    expect(hidden.body.bodies).toEqual([]);
  });

  it('gives every body and government the caller may see in one overview, equal to their reports taken one by one', async () => {
    const pick = ({ open, overdue, doneOnTime, doneLate }: Record<string, number>) => ({ open, overdue, doneOnTime, doneLate });
    const overview = await t.http.get('/api/v1/accountability', t.adminToken);
    expect(overview.status).toBe(200);
    const body = overview.body.bodies.find((b: { bodyId: string }) => b.bodyId === world.body.id);
    const report = (await t.http.get(`/api/v1/bodies/${world.body.id}/accountability`, t.adminToken)).body;
    expect(body).toEqual({ bodyId: world.body.id, ...pick(report.totals) });
    // five items led by A (one cancelled, two done: on time and late) and one by B (blocked); today none is past due
    expect(pick(report.totals)).toEqual({ open: 3, overdue: 0, doneOnTime: 1, doneLate: 1 });
    for (const key of ['A', 'B']) {
      const id = world.seats[key].government.id;
      const own = (await t.http.get(`/api/v1/governments/${id}/accountability`, t.adminToken)).body.governments[0];
      expect(overview.body.governments.find((g: { governmentId: string }) => g.governmentId === id)).toEqual({ governmentId: id, ...pick(own) });
    }
    // an official sees the bodies its government sits in, and nothing of the others
    const member = await t.http.get('/api/v1/accountability', world.seats.C.official.token);
    expect(member.body.bodies.map((b: { bodyId: string }) => b.bodyId)).toEqual([world.body.id]);
    const outsider = await f.official((await f.government()).id);
    expect((await t.http.get('/api/v1/accountability', outsider.token)).body).toMatchObject({ bodies: [], governments: [] });
  });

  it('hides a body’s report from officials of non-member governments', async () => {
    const outsider = await f.official((await f.government()).id);
    expect((await t.http.get(`/api/v1/bodies/${world.body.id}/accountability`, outsider.token)).status).toBe(404);
    expect((await t.http.get(`/api/v1/bodies/00000000-0000-4000-8000-000000000000/accountability`, t.adminToken)).status).toBe(404);
    expect((await t.http.get(`/api/v1/governments/00000000-0000-4000-8000-000000000000/accountability`, t.adminToken)).status).toBe(404);
  });

  it('gives the body report as CSV that a CSV parser reads back to the same figures', async () => {
    for (const [url, headers] of [
      [`/api/v1/bodies/${world.body.id}/accountability?format=csv&asOf=${asOf}`, {}],
      [`/api/v1/bodies/${world.body.id}/accountability?asOf=${asOf}`, { accept: 'text/csv' }],
      [`/api/v1/bodies/${world.body.id}/accountability.csv?asOf=${asOf}`, {}],
    ] as const) {
      const res = await t.http.request('GET', url, { token: t.adminToken, headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows: Record<string, string>[] = parse(res.text, { columns: true, skip_empty_lines: true });
      expect(rows).toHaveLength(4);
      const a = rows.find((r) => r.governmentCode === world.seats.A.government.code)!;
      expect(a).toMatchObject({
        led: '5',
        open: '2',
        overdue: '1',
        dueSoon: '1',
        doneOnTime: '1',
        doneLate: '1',
        averageProgress: '60',
        committedCostCents: '1100600000',
        actualCostCents: '180001',
        committedCostCad: '11006000.00',
        actualCostCad: '1800.01',
      });
      expect(rows.find((r) => r.governmentCode === world.seats.O.government.code)).toMatchObject({ role: 'observer', averageProgress: '' });
    }
  });

  it('gives the government report as CSV: one row per body and one for all bodies', async () => {
    const A = world.seats.A.government;
    const res = await t.http.request('GET', `/api/v1/governments/${A.id}/accountability?asOf=${asOf}`, {
      token: t.adminToken,
      headers: { accept: 'text/csv' },
    });
    expect(res.status).toBe(200);
    const rows: Record<string, string>[] = parse(res.text, { columns: true });
    expect(rows.map((r) => r.bodyName)).toEqual([world.body.name, 'All bodies']);
    expect(rows[1]).toMatchObject({ governmentCode: A.code, led: '5', committedCostCents: '1100600000', actualCostCad: '1800.01' });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    for (const path of [
      '/api/v1/action-items',
      '/api/v1/action-items/{id}',
      '/api/v1/action-items/{id}/updates',
      '/api/v1/bodies/{id}/accountability',
      '/api/v1/governments/{id}/accountability',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
  });

  it('refuses a bad format or asOf', async () => {
    expect((await t.http.get(`/api/v1/bodies/${world.body.id}/accountability?format=xls`, t.adminToken)).status).toBe(400);
    expect((await t.http.get(`/api/v1/bodies/${world.body.id}/accountability?asOf=yesterday`, t.adminToken)).status).toBe(400);
  });
});
