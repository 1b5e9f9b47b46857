import { Factories } from '../support/factories';
import { recordQueries } from '../support/query-counter';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An official's read of an action item is one Postgres round trip: the session comes from the session cache
 * (revoked on every instance at once), and the item, its body and the caller's seat there from one query that
 * the one access rule (`decide`) then judges. A list page is its page and total in one query after that.
 */
describe('round trips of an official reading action items', () => {
  let t: TestApp;
  let f: Factories;
  let world: Awaited<ReturnType<Factories['bodyWith']>>;
  let itemId: string;
  let stranger: Awaited<ReturnType<Factories['official']>>;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    world = await f.bodyWith({ lead: { role: 'co_chair', level: 'federal' }, partner: { role: 'member' }, observer: { role: 'observer' } });
    for (let i = 0; i < 3; i++) itemId = (await f.actionItem(world.body.id, world.seats.lead.government.id)).id;
    stranger = await f.official((await f.government()).id);
  }, 120_000);
  afterAll(() => t?.close());

  it('reads an item in one query once the session is cached, as a member and as an observer', async () => {
    for (const seat of [world.seats.partner, world.seats.observer]) {
      // the first request of a session fills the session cache; later ones cost the item alone
      expect((await t.http.get(`/api/v1/action-items/${itemId}`, seat.official.token)).status).toBe(200);
      let res: { status: number; body: any } | undefined;
      const queries = await recordQueries(async () => (res = await t.http.get(`/api/v1/action-items/${itemId}`, seat.official.token)));
      expect(res!.status).toBe(200);
      expect(res!.body).toMatchObject({ id: itemId, bodyId: world.body.id });
      expect(queries.map((q) => q.sql)).toHaveLength(1);
    }
  });

  it('still answers 404 to a stranger to the body, in that same one query', async () => {
    expect((await t.http.get(`/api/v1/action-items/${itemId}`, stranger.token)).status).toBe(404);
    let status = 0;
    const queries = await recordQueries(async () => (status = (await t.http.get(`/api/v1/action-items/${itemId}`, stranger.token)).status));
    expect(status).toBe(404);
    expect(queries).toHaveLength(1);
  });

  it('lists a body’s page with its total in two queries: the body with the seat, then page and total', async () => {
    const path = `/api/v1/action-items?bodyId=${world.body.id}&limit=2`;
    const token = world.seats.partner.official.token;
    expect((await t.http.get(path, token)).status).toBe(200);
    let res: { status: number; body: any } | undefined;
    const queries = await recordQueries(async () => (res = await t.http.get(path, token)));
    expect(res!.status).toBe(200);
    expect(res!.body.items).toHaveLength(2);
    expect(res!.body.total).toBe(3);
    expect(queries).toHaveLength(2);
    // past the last page the total is still told
    const beyond = await t.http.get(`/api/v1/action-items?bodyId=${world.body.id}&limit=2&offset=10`, token);
    expect(beyond.body).toEqual({ items: [], total: 3 });
  });
});
