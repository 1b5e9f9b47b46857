import { Factories } from '../support/factories';
import { recordQueries } from '../support/query-counter';
import { startTestApp, TestApp } from '../support/test-app';
import { ActionItem } from '../../libs/action-items/src/action-item.entity';
import { ActionItemRepository } from '../../libs/action-items/src/action-item.repository';
import { toActionItemView } from '../../libs/action-items/src/action-item.view';

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

  it('answers from the raw row exactly what the TypeORM entity gave, every field, in both languages', async () => {
    const supporter = world.seats.partner.government.id;
    const responsible = await f.official(world.seats.lead.government.id);
    const varied = [
      // every optional field set, texts in both languages (written in French, below)
      await f.actionItem(world.body.id, world.seats.lead.government.id, {
        title: undefined,
        titleEn: 'Water strategy',
        titleFr: 'Stratégie de l’eau',
        descriptionEn: 'Draft «the» plan\nline two',
        descriptionFr: 'Ébaucher le plan',
        supportingGovernmentIds: [supporter],
        responsibleUserIds: [responsible.id],
        priority: 'urgent',
        estimatedCostCents: 32_400_000_000,
        fundingSource: 'Infrastructure fund',
        costShares: [
          { governmentId: world.seats.lead.government.id, basisPoints: 6000 },
          { governmentId: supporter, basisPoints: 4000 },
        ],
      }),
      // one language only (its translation pending), no description, no cost
      await f.actionItem(world.body.id, world.seats.lead.government.id, { title: undefined, titleFr: 'Seulement en français' }),
    ];
    // what only the workflow and the deadline scan set: completion, actual cost, escalation
    await t.dataSource.query(
      `UPDATE action_item SET status = 'done', progress = 100, completed_at = '2030-05-01T12:34:56.789123Z', actual_cost_cents = 9007199254740991,
              escalated_at = '2030-07-15T00:00:00.001Z', escalated_to_body_id = body_id, version = 7, source_lang = 'fr' WHERE id = $1`,
      [varied[0].id],
    );
    const french = await f.official(world.seats.partner.government.id, { locale: 'fr' });
    const repo = t.dataSource.getRepository(ActionItem);
    // the record itself, not only its JSON: the wire's schema would coerce a bigint left as a string
    const items = t.app.get(ActionItemRepository);
    // straight on the pool, a failure is still TypeORM's QueryFailedError (the error filter's 400, 409 and 503 read it)
    await expect(items.withSeatOf('not-a-uuid', world.seats.partner.government.id)).rejects.toMatchObject({
      name: 'QueryFailedError',
      driverError: expect.objectContaining({ code: '22P02' }),
    });
    for (const { id } of varied) {
      const hydrated = await repo.findOneByOrFail({ id });
      expect((await items.withSeatOf(id, world.seats.partner.government.id))?.item).toStrictEqual(hydrated);
      const [page] = await items.page({ scopeBodyIds: [world.body.id], bodyId: world.body.id }, 'dueOn', undefined, 50, 0);
      expect(page.find((i) => i.id === id)).toStrictEqual(hydrated);
    }
    for (const reader of [
      { official: world.seats.partner.official, locale: 'en' as const },
      { official: french, locale: 'fr' as const },
    ]) {
      const page = await t.http.get(`/api/v1/action-items?bodyId=${world.body.id}&limit=50`, reader.official.token);
      expect(page.status).toBe(200);
      for (const { id } of [...varied, { id: itemId }]) {
        const expected = JSON.parse(JSON.stringify(toActionItemView((await repo.findOneByOrFail({ id })) as ActionItem, reader.locale)));
        const read = await t.http.get(`/api/v1/action-items/${id}`, reader.official.token);
        expect(read.status).toBe(200);
        expect(read.body).toStrictEqual(expected);
        expect(page.body.items.find((i: { id: string }) => i.id === id)).toStrictEqual(expected);
      }
    }
  });
});
