import { FASTIFY_ROUTE_SCHEMA_METADATA } from '@nestjs/platform-fastify/constants';
import { ActionItem, toActionItemView } from '@forum/action-items';
import { ActionItemsController } from '../../libs/action-items/src/action-items.controller';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The hot reads are written by fast-json-stringify from the generated contract schemas, which drops any field
 * the schema does not name: each answer must be exactly its view as JSON.stringify would have written it.
 */
describe('answers serialized from the contract schemas', () => {
  let t: TestApp;
  let f: Factories;
  let world: Awaited<ReturnType<Factories['bodyWith']>>;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    world = await f.bodyWith({ lead: { role: 'co_chair', level: 'federal' }, partner: { role: 'member' } });
    const lead = world.seats.lead;
    const partner = world.seats.partner;
    ids.push((await f.actionItem(world.body.id, lead.government.id)).id);
    // every optional field filled: costs, shares, supporting governments, named officials, both languages
    const full = await t.http.post(
      '/api/v1/action-items',
      {
        bodyId: world.body.id,
        titleEn: 'Share weekly arrival figures',
        titleFr: 'Partager les chiffres hebdomadaires d’arrivées',
        descriptionEn: 'Data sharing on irregular crossings',
        descriptionFr: 'Partage de données sur les passages irréguliers',
        leadGovernmentId: lead.government.id,
        supportingGovernmentIds: [partner.government.id],
        responsibleUserIds: [lead.official.id],
        dueOn: '2030-09-30',
        priority: 'high',
        estimatedCostCents: 5_000_000_000,
        fundingSource: 'June 2018 federal funding',
        costShares: [
          { governmentId: lead.government.id, basisPoints: 7200 },
          { governmentId: partner.government.id, basisPoints: 2800 },
        ],
      },
      t.adminToken,
    );
    expect(full.status).toBe(201);
    ids.push(full.body.id);
    await f.moveActionItem(full.body.id, 'in_progress', 'done');
  });
  afterAll(() => t?.close());

  const viewOf = async (id: string, locale: 'en' | 'fr') => {
    const item = await t.dataSource.getRepository(ActionItem).findOneByOrFail({ id });
    return JSON.parse(JSON.stringify(toActionItemView(item, locale)));
  };

  it('marks the hot handlers with their response schema', () => {
    for (const name of ['get', 'list'] as const) {
      const schema = Reflect.getMetadata(FASTIFY_ROUTE_SCHEMA_METADATA, ActionItemsController.prototype[name]);
      expect(schema?.response?.[200]).toBeDefined();
    }
  });

  it('answers GET /action-items/:id field for field as the view, to the secretariat and to an official', async () => {
    for (const id of ids) {
      const admin = await t.http.get(`/api/v1/action-items/${id}`, t.adminToken);
      expect(admin.status).toBe(200);
      expect(admin.body).toStrictEqual(await viewOf(id, 'en'));
      const official = await t.http.get(`/api/v1/action-items/${id}`, world.seats.partner.official.token);
      expect(official.body).toStrictEqual(await viewOf(id, 'en'));
    }
  });

  it('answers the list page item for item as the views, with the total', async () => {
    const res = await t.http.get(`/api/v1/action-items?bodyId=${world.body.id}&limit=50`, world.seats.partner.official.token);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['items', 'total']);
    expect(res.body.total).toBe(ids.length);
    const byId = new Map(res.body.items.map((i: { id: string }) => [i.id, i]));
    for (const id of ids) expect(byId.get(id)).toStrictEqual(await viewOf(id, 'en'));
  });
});
