import { startTestApp, TestApp } from '../support/test-app';
import { Factories, TestGovernment, TestOfficial } from '../support/factories';

describe('bodies, membership and join requests', () => {
  let t: TestApp;
  let f: Factories;
  let federal: TestGovernment;
  let ontario: TestGovernment;
  let manitoba: TestGovernment;
  let quebec: TestGovernment;
  let toronto: TestGovernment;
  let fcm: TestGovernment;
  let ontarioOfficial: TestOfficial;
  let torontoOfficial: TestOfficial;
  let fcmOfficial: TestOfficial;
  let federalOfficial: TestOfficial;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    federal = await f.government({ code: 'CA', level: 'federal' });
    ontario = await f.government({ code: 'ON' });
    manitoba = await f.government({ code: 'MB', timeZone: 'America/Winnipeg' });
    quebec = await f.government({ code: 'QC' });
    toronto = await f.government({ code: 'TOR', level: 'municipal' });
    fcm = await f.government({ code: 'FCM', level: 'association' });
    ontarioOfficial = await f.official(ontario.id);
    torontoOfficial = await f.official(toronto.id);
    fcmOfficial = await f.official(fcm.id);
    federalOfficial = await f.official(federal.id);
  });
  afterAll(() => t?.close());

  describe('the directory', () => {
    it('lets the secretariat create a body and every signed-in user read it', async () => {
      const parent = await f.body({ kind: 'table', name: "Assistant Deputy Ministers' Table" });
      const created = await t.http.post(
        '/api/v1/bodies',
        { name: 'Working Group on Asylum', kind: 'working_group', parentId: parent.id, permanent: true, mandate: 'Asylum and irregular migration' },
        t.adminToken,
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Working Group on Asylum',
        kind: 'working_group',
        parentId: parent.id,
        permanent: true,
        mandate: 'Asylum and irregular migration',
        endsOn: null,
      });
      const read = await t.http.get(`/api/v1/bodies/${created.body.id}`, torontoOfficial.token);
      expect(read.status).toBe(200);
      expect(read.body.id).toBe(created.body.id);
      const list = await t.http.get('/api/v1/bodies?kind=working_group&limit=100', torontoOfficial.token);
      expect(list.status).toBe(200);
      expect(list.body.items.map((b: { id: string }) => b.id)).toContain(created.body.id);
      expect(list.body.total).toBeGreaterThanOrEqual(1);
    });

    it('filters the directory to the bodies where a government holds a seat', async () => {
      const seated = await f.body({ kind: 'table' });
      const other = await f.body({ kind: 'table' });
      await f.member(seated.id, manitoba.id);
      const res = await t.http.get(`/api/v1/bodies?governmentId=${manitoba.id}&limit=100`, torontoOfficial.token);
      expect(res.status).toBe(200);
      const ids = res.body.items.map((b: { id: string }) => b.id);
      expect(ids).toContain(seated.id);
      expect(ids).not.toContain(other.id);
    });

    it('refuses bodies that break the rules with 400 naming the field, and writes nothing', async () => {
      const before = (await t.http.get('/api/v1/bodies?limit=1', t.adminToken)).body.total;
      const cases: [Record<string, unknown>, string][] = [
        [{ name: 'X group', kind: 'committee', permanent: true }, 'kind'],
        [{ name: 'X group', kind: 'table', permanent: 'yes' }, 'permanent'],
        [{ name: 'X group', kind: 'table', permanent: true, endsOn: '2018-08-31' }, 'endsOn'],
        [{ name: 'X group', kind: 'table', permanent: true, parentId: '00000000-0000-4000-8000-000000000000' }, 'parentId'],
        [{ name: 'x'.repeat(201), kind: 'table', permanent: true }, 'name'],
        [{ name: 'X group', kind: 'table', permanent: true, colour: 'red' }, 'colour'],
        [{ name: 'X subgroup', kind: 'subgroup', permanent: true }, 'parentId'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.post('/api/v1/bodies', body, t.adminToken);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(JSON.stringify(res.body.message)).toContain(field);
      }
      expect((await t.http.get('/api/v1/bodies?limit=1', t.adminToken)).body.total).toBe(before);
    });

    it('lets only the secretariat write: 403 for officials', async () => {
      const body = await f.body();
      expect((await t.http.post('/api/v1/bodies', { name: 'Mine', kind: 'table', permanent: true }, ontarioOfficial.token)).status).toBe(403);
      expect((await t.http.patch(`/api/v1/bodies/${body.id}`, { mandate: 'changed' }, ontarioOfficial.token)).status).toBe(403);
    });

    it('updates a body, closes an ad hoc one and refuses a parent cycle', async () => {
      const top = await f.body({ kind: 'table' });
      const child = await f.body({ kind: 'working_group', parentId: top.id });
      const patched = await t.http.patch(`/api/v1/bodies/${top.id}`, { mandate: 'Steer', permanent: false, endsOn: '2030-03-31' }, t.adminToken);
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ mandate: 'Steer', permanent: false, endsOn: '2030-03-31' });
      const cycle = await t.http.patch(`/api/v1/bodies/${top.id}`, { parentId: child.id }, t.adminToken);
      expect(cycle.status).toBe(400);
      expect(JSON.stringify(cycle.body.message)).toContain('parentId');
      expect((await t.http.patch('/api/v1/bodies/00000000-0000-4000-8000-000000000000', { mandate: 'x' }, t.adminToken)).status).toBe(404);
    });
  });

  describe('membership', () => {
    it('adds members with roles, lists them in the order of precedence, and keeps ended ones', async () => {
      const body = await f.body({ kind: 'table' });
      await f.member(body.id, quebec.id, 'observer');
      await f.member(body.id, ontario.id, 'member');
      await f.member(body.id, federal.id, 'co_chair');
      const list = await t.http.get(`/api/v1/bodies/${body.id}/members`, torontoOfficial.token);
      expect(list.status).toBe(200);
      expect(list.body.items.map((m: { government: { code: string } }) => m.government.code)).toEqual(['CA', 'ON', 'QC']);
      expect(list.body.items[2]).toMatchObject({ governmentId: quebec.id, role: 'observer', endedAt: null });

      const ended = await t.http.delete(`/api/v1/bodies/${body.id}/members/${ontario.id}`, t.adminToken);
      expect(ended.status).toBe(200);
      expect(ended.body.endedAt).toEqual(expect.any(String));
      const current = await t.http.get(`/api/v1/bodies/${body.id}/members`, t.adminToken);
      expect(current.body.items.map((m: { governmentId: string }) => m.governmentId)).not.toContain(ontario.id);
      const history = await t.http.get(`/api/v1/bodies/${body.id}/members?includeEnded=true`, t.adminToken);
      expect(history.body.items.find((m: { governmentId: string }) => m.governmentId === ontario.id)).toMatchObject({ endedAt: expect.any(String) });

      // Rejoining starts a new seat and keeps the old one.
      await f.member(body.id, ontario.id, 'member');
      const again = await t.http.get(`/api/v1/bodies/${body.id}/members?includeEnded=true`, t.adminToken);
      expect(again.body.items.filter((m: { governmentId: string }) => m.governmentId === ontario.id)).toHaveLength(2);
    });

    it('refuses a duplicate seat (409), an unknown government (400), a missing membership (404) and officials (403)', async () => {
      const body = await f.body({ kind: 'table' });
      await f.member(body.id, ontario.id);
      expect((await t.http.post(`/api/v1/bodies/${body.id}/members`, { governmentId: ontario.id, role: 'observer' }, t.adminToken)).status).toBe(409);
      const unknown = await t.http.post(
        `/api/v1/bodies/${body.id}/members`,
        { governmentId: '00000000-0000-4000-8000-000000000000', role: 'member' },
        t.adminToken,
      );
      expect(unknown.status).toBe(400);
      expect(JSON.stringify(unknown.body.message)).toContain('governmentId');
      expect((await t.http.post(`/api/v1/bodies/${body.id}/members`, { governmentId: ontario.id, role: 'chair' }, t.adminToken)).status).toBe(400);
      expect((await t.http.delete(`/api/v1/bodies/${body.id}/members/${manitoba.id}`, t.adminToken)).status).toBe(404);
      expect((await t.http.post(`/api/v1/bodies/${body.id}/members`, { governmentId: manitoba.id, role: 'member' }, ontarioOfficial.token)).status).toBe(403);
      expect((await t.http.delete(`/api/v1/bodies/${body.id}/members/${ontario.id}`, ontarioOfficial.token)).status).toBe(403);
      expect((await t.http.get('/api/v1/bodies/00000000-0000-4000-8000-000000000000/members', t.adminToken)).status).toBe(404);
    });

    it('enforces the co-chair rule: one federal and one provincial or territorial co-chair per working group', async () => {
      const wg = await f.body({ kind: 'working_group' });
      expect((await t.http.post(`/api/v1/bodies/${wg.id}/members`, { governmentId: toronto.id, role: 'co_chair' }, t.adminToken)).status).toBe(409);
      await f.member(wg.id, federal.id, 'co_chair');
      await f.member(wg.id, ontario.id, 'co_chair');
      const third = await t.http.post(`/api/v1/bodies/${wg.id}/members`, { governmentId: manitoba.id, role: 'co_chair' }, t.adminToken);
      expect(third.status).toBe(409);
      expect(third.body.message).toMatch(/two co-chairs/);

      const wg2 = await f.body({ kind: 'working_group' });
      await f.member(wg2.id, ontario.id, 'co_chair');
      const secondProvince = await t.http.post(`/api/v1/bodies/${wg2.id}/members`, { governmentId: manitoba.id, role: 'co_chair' }, t.adminToken);
      expect(secondProvince.status).toBe(409);
      expect(secondProvince.body.message).toMatch(/provincial or territorial co-chair/);
      // Once the seat ends, another province may take it.
      await t.http.delete(`/api/v1/bodies/${wg2.id}/members/${ontario.id}`, t.adminToken);
      await f.member(wg2.id, manitoba.id, 'co_chair');
    });

    it('never lets two concurrent requests seat two provincial co-chairs', async () => {
      const wg = await f.body({ kind: 'working_group' });
      const results = await Promise.all(
        [ontario, manitoba, quebec].map((g) => t.http.post(`/api/v1/bodies/${wg.id}/members`, { governmentId: g.id, role: 'co_chair' }, t.adminToken)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    });
  });

  describe('join requests', () => {
    it('runs the whole flow: a city asks, a co-chair official approves, the seat exists', async () => {
      const wg = await f.body({ kind: 'working_group' });
      await f.member(wg.id, federal.id, 'co_chair');
      await f.member(wg.id, ontario.id, 'member');
      const asked = await t.http.post(`/api/v1/bodies/${wg.id}/join-requests`, { message: 'Toronto shelters 40% of claimants' }, torontoOfficial.token);
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({ status: 'pending', governmentId: toronto.id, bodyId: wg.id });
      expect((await t.http.post(`/api/v1/bodies/${wg.id}/join-requests`, {}, torontoOfficial.token)).status).toBe(409);

      // A plain member may not see or decide; the co-chair's official may.
      expect((await t.http.get(`/api/v1/bodies/${wg.id}/join-requests`, ontarioOfficial.token)).status).toBe(403);
      expect((await t.http.post(`/api/v1/bodies/${wg.id}/join-requests/${asked.body.id}/decision`, { approve: true }, ontarioOfficial.token)).status).toBe(403);
      const listed = await t.http.get(`/api/v1/bodies/${wg.id}/join-requests`, federalOfficial.token);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([asked.body.id]);

      const decided = await t.http.post(
        `/api/v1/bodies/${wg.id}/join-requests/${asked.body.id}/decision`,
        { approve: true, reason: 'Welcome' },
        federalOfficial.token,
      );
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({ status: 'approved', reason: 'Welcome' });
      const members = await t.http.get(`/api/v1/bodies/${wg.id}/members`, torontoOfficial.token);
      expect(members.body.items.find((m: { governmentId: string }) => m.governmentId === toronto.id)).toMatchObject({ role: 'member' });
      expect((await t.http.post(`/api/v1/bodies/${wg.id}/join-requests/${asked.body.id}/decision`, { approve: false }, t.adminToken)).status).toBe(409);
      const mine = await t.http.get('/api/v1/join-requests', torontoOfficial.token);
      expect(mine.body.items.find((r: { id: string }) => r.id === asked.body.id)).toMatchObject({ status: 'approved' });
    });

    it('lists the requests awaiting each caller, across bodies, oldest first: all for the secretariat, the co-chaired bodies for an official', async () => {
      const [coChaired, other] = [await f.body({ kind: 'working_group' }), await f.body({ kind: 'working_group' })];
      await f.member(coChaired.id, federal.id, 'co_chair');
      await f.member(coChaired.id, ontario.id, 'member');
      await f.member(other.id, manitoba.id, 'co_chair');
      const first = await t.http.post(`/api/v1/bodies/${coChaired.id}/join-requests`, {}, torontoOfficial.token);
      const second = await t.http.post(`/api/v1/bodies/${other.id}/join-requests`, {}, fcmOfficial.token);
      const third = await t.http.post(`/api/v1/bodies/${coChaired.id}/join-requests`, {}, fcmOfficial.token);
      const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((r) => r.id);
      const ours = [first, second, third].map((r) => r.body.id);

      const secretariat = await t.http.get('/api/v1/join-requests/to-decide?status=pending&limit=200', t.adminToken);
      expect(secretariat.status).toBe(200);
      expect(ids(secretariat).filter((id) => ours.includes(id))).toEqual(ours);
      // the federal government co-chairs one of the two bodies: only its requests, oldest first
      const federalSide = await t.http.get('/api/v1/join-requests/to-decide?status=pending', federalOfficial.token);
      expect(federalSide.body).toMatchObject({ total: 2 });
      expect(ids(federalSide)).toEqual([first.body.id, third.body.id]);
      // a plain member decides nothing; the asking city does not decide its own request either
      expect((await t.http.get('/api/v1/join-requests/to-decide', ontarioOfficial.token)).body).toEqual({ items: [], total: 0 });
      expect((await t.http.get('/api/v1/join-requests/to-decide', torontoOfficial.token)).body).toEqual({ items: [], total: 0 });

      // decided, it leaves the pending list; a seat ended leaves the decisions with it
      await t.http.post(`/api/v1/bodies/${coChaired.id}/join-requests/${first.body.id}/decision`, { approve: false }, federalOfficial.token);
      expect(ids(await t.http.get('/api/v1/join-requests/to-decide?status=pending', federalOfficial.token))).toEqual([third.body.id]);
      await t.http.delete(`/api/v1/bodies/${coChaired.id}/members/${federal.id}`, t.adminToken);
      expect((await t.http.get('/api/v1/join-requests/to-decide?status=pending', federalOfficial.token)).body.total).toBe(0);
      expect((await t.http.get('/api/v1/join-requests/to-decide?status=waiting', t.adminToken)).status).toBe(400);
    });

    it('records a refusal without a seat', async () => {
      const wg = await f.body({ kind: 'working_group' });
      const asked = await t.http.post(`/api/v1/bodies/${wg.id}/join-requests`, {}, fcmOfficial.token);
      expect(asked.status).toBe(201);
      const decided = await t.http.post(`/api/v1/bodies/${wg.id}/join-requests/${asked.body.id}/decision`, { approve: false, reason: 'Not now' }, t.adminToken);
      expect(decided.body.status).toBe('rejected');
      const members = await t.http.get(`/api/v1/bodies/${wg.id}/members`, t.adminToken);
      expect(members.body.items).toHaveLength(0);
    });

    it('is only for municipal and association officials, and not for members', async () => {
      const wg = await f.body({ kind: 'working_group' });
      expect((await t.http.post(`/api/v1/bodies/${wg.id}/join-requests`, {}, ontarioOfficial.token)).status).toBe(403);
      expect((await t.http.post(`/api/v1/bodies/${wg.id}/join-requests`, {}, t.adminToken)).status).toBe(403);
      await f.member(wg.id, fcm.id);
      expect((await t.http.post(`/api/v1/bodies/${wg.id}/join-requests`, {}, fcmOfficial.token)).status).toBe(409);
      expect((await t.http.post('/api/v1/bodies/00000000-0000-4000-8000-000000000000/join-requests', {}, torontoOfficial.token)).status).toBe(404);
      expect(
        (await t.http.post(`/api/v1/bodies/${wg.id}/join-requests/00000000-0000-4000-8000-000000000000/decision`, { approve: true }, t.adminToken)).status,
      ).toBe(404);
      expect((await t.http.post(`/api/v1/bodies/${wg.id}/join-requests`, { message: 'x'.repeat(2001) }, torontoOfficial.token)).status).toBe(400);
      const noApprove = await t.http.post(`/api/v1/bodies/${wg.id}/join-requests/00000000-0000-4000-8000-000000000000/decision`, { reason: 'x' }, t.adminToken);
      expect(noApprove.status).toBe(400);
      expect(JSON.stringify(noApprove.body.message)).toContain('approve');
    });
  });
});
