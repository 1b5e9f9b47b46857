import { Factories } from '../../support/factories';
import { startTestApp, TestApp } from '../../support/test-app';

describe('security: field-level rules on action items (#13 finding 7)', () => {
  let t: TestApp;
  let f: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lets the lead government's official report status, progress and actual cost, and nothing the secretariat decides", async () => {
    const { body, seats } = await f.bodyWith({ lead: { role: 'member' }, other: { role: 'member' } });
    const lead = seats.lead.official;
    const item = await f.actionItem(body.id, seats.lead.government.id, {
      estimatedCostCents: 1_000_000,
      costShares: [
        { governmentId: seats.lead.government.id, basisPoints: 5000 },
        { governmentId: seats.other.government.id, basisPoints: 5000 },
      ],
    });
    const path = `/api/v1/action-items/${item.id}`;
    const reserved: Record<string, unknown>[] = [
      { costShares: [{ governmentId: seats.other.government.id, basisPoints: 10000 }] },
      { estimatedCostCents: 1 },
      { leadGovernmentId: seats.other.government.id },
      { supportingGovernmentIds: [seats.other.government.id] },
      { dueOn: '2031-12-31' },
    ];
    for (const change of reserved) {
      const res = await t.http.patch(path, { version: item.version, ...change }, lead.token);
      expect({ change, status: res.status }).toEqual({ change, status: 403 });
    }
    const unchanged = (await t.http.get(path, t.adminToken)).body;
    expect(unchanged.version).toBe(item.version);
    expect(unchanged.estimatedCostCents).toBe(1_000_000);

    // sending back a value as it is is no change
    const ok = await t.http.patch(
      path,
      { version: item.version, status: 'in_progress', progress: 40, actualCostCents: 250_000, dueOn: item.dueOn, reason: 'Work started' },
      lead.token,
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'in_progress', progress: 40, actualCostCents: 250_000 });
    // the secretariat changes what is its own
    const moved = await t.http.patch(path, { version: ok.body.version, dueOn: '2031-03-31', estimatedCostCents: 2_000_000 }, t.adminToken);
    expect(moved.status).toBe(200);
  });

  it('lets the lead cancel (an open item may be cancelled) and the secretariat reopen it with a reason', async () => {
    const { body, seats } = await f.bodyWith({ lead: { role: 'member' } });
    const item = await f.moveActionItem((await f.actionItem(body.id, seats.lead.government.id)).id, 'in_progress');
    const path = `/api/v1/action-items/${item.id}`;
    const cancelled = await t.http.patch(path, { version: item.version, status: 'cancelled', reason: 'Overtaken by events' }, seats.lead.official.token);
    expect(cancelled.status).toBe(200);
    expect((await t.http.patch(path, { version: cancelled.body.version, status: 'in_progress', reason: 'Oops' }, seats.lead.official.token)).status).toBe(403);
    expect((await t.http.patch(path, { version: cancelled.body.version, status: 'in_progress' }, t.adminToken)).status).toBe(400);
    const reopened = await t.http.patch(path, { version: cancelled.body.version, status: 'in_progress', reason: 'Cancelled by mistake' }, t.adminToken);
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('in_progress');
  });
});
