import { countQueries } from '../support/query-counter';
import { startTestApp, TestApp } from '../support/test-app';
import { Factories } from '../support/factories';

/** Every list answers with no more queries for a page of 40 than for a page of 2: no N+1. */
describe('query discipline of list endpoints', () => {
  let t: TestApp;
  let f: Factories;
  const lists: { name: string; path: () => string }[] = [];
  let bodyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    const body = await f.body({ kind: 'table' });
    bodyId = body.id;
    for (let i = 0; i < 45; i++) {
      const g = await f.government({ level: i % 2 ? 'municipal' : 'provincial' });
      await f.member(bodyId, g.id, 'member');
      if (i < 3) await t.http.post(`/api/v1/bodies/${(await f.body({ kind: 'working_group' })).id}/join-requests`, {}, (await f.official(g.id)).token);
    }
    lists.push(
      { name: 'governments', path: () => '/api/v1/governments' },
      { name: 'bodies', path: () => '/api/v1/bodies' },
      { name: 'members', path: () => `/api/v1/bodies/${bodyId}/members` },
      { name: 'users', path: () => '/api/v1/users' },
      { name: 'audit', path: () => '/api/v1/audit' },
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('uses a bounded number of queries whatever the page size', async () => {
    for (const list of lists) {
      const sep = list.path().includes('?') ? '&' : '?';
      const small = await countQueries(() => t.http.get(`${list.path()}${sep}limit=2`, t.adminToken));
      const large = await countQueries(() => t.http.get(`${list.path()}${sep}limit=40`, t.adminToken));
      // A short last page may even save the COUNT query; it must never cost more.
      expect({ list: list.name, bounded: large <= small }).toEqual({ list: list.name, bounded: true });
      expect(small).toBeLessThanOrEqual(6);
    }
  });
});
