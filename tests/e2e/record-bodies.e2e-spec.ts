import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';

/** Bodies end, seats change role in place, municipalities hear back, observers carry nothing. */
describe('the record: bodies that end, seats, join decisions, observers', () => {
  let t: TestApp;
  let f: Factories;
  let worker: TestWorker;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t);
    f = new Factories(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('a closed body refuses new meetings, items, communiqués, members and join requests (409 body_closed) and stays readable', async () => {
    const { body, seats } = await f.bodyWith(
      { ca: { level: 'federal', role: 'co_chair' }, on: { role: 'member' } },
      { kind: 'task_force', permanent: false, endsOn: '2031-08-31' },
    );
    const meeting = await f.meeting(body.id, { startsAt: '2026-02-03T16:00:00Z', endsAt: '2026-02-03T18:00:00Z' });
    const city = await f.government({ level: 'municipal' });
    const mayor = await f.official(city.id);
    // it ended yesterday
    const closed = await t.http.patch(`/api/v1/bodies/${body.id}`, { endsOn: new Date(Date.now() - 86400_000).toISOString().slice(0, 10) }, t.adminToken);
    expect(closed.status).toBe(200);

    const refusals = [
      await t.http.post(
        '/api/v1/meetings',
        { bodyId: body.id, title: 'Later', startsAt: '2027-03-11T16:00:00Z', endsAt: '2027-03-11T18:00:00Z' },
        t.adminToken,
      ),
      await t.http.post(
        '/api/v1/action-items',
        { bodyId: body.id, leadGovernmentId: seats.ca.government.id, title: 'Late', dueOn: '2027-06-30' },
        t.adminToken,
      ),
      await t.http.post('/api/v1/communiques', { bodyId: body.id, titleEn: 'Late', bodyEn: 'Late' }, t.adminToken),
      await t.http.post(`/api/v1/bodies/${body.id}/members`, { governmentId: city.id, role: 'member' }, t.adminToken),
      await t.http.post(`/api/v1/bodies/${body.id}/join-requests`, { message: 'Toronto shelters claimants' }, mayor.token),
      await t.http.patch(`/api/v1/bodies/${body.id}/members/${seats.on.government.id}`, { role: 'co_chair' }, t.adminToken),
    ];
    expect(refusals.map((r) => [r.status, r.body.reason])).toEqual(Array(6).fill([409, 'body_closed']));

    // readable forever, by its members and the directory
    expect((await t.http.get(`/api/v1/bodies/${body.id}`, mayor.token)).status).toBe(200);
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}`, seats.on.official.token)).status).toBe(200);
    expect((await t.http.get(`/api/v1/meetings?bodyId=${body.id}`, seats.on.official.token)).body.items.map((m: any) => m.id)).toEqual([meeting.id]);
  });

  it('a non-permanent body needs endsOn', async () => {
    const res = await t.http.post('/api/v1/bodies', { name: 'Ad hoc group', kind: 'task_force', permanent: false }, t.adminToken);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('endsOn');
    const permanent = await f.body();
    expect((await t.http.patch(`/api/v1/bodies/${permanent.id}`, { permanent: false }, t.adminToken)).status).toBe(400);
  });

  it('changes a seat’s role in place, keeping its start and the history; a refused change leaves it untouched', async () => {
    const { body, seats } = await f.bodyWith(
      { ca: { level: 'federal', role: 'co_chair' }, on: { role: 'member' }, bc: { role: 'member' } },
      { kind: 'working_group' },
    );
    const before = (await t.http.get(`/api/v1/bodies/${body.id}/members`, t.adminToken)).body.items.find((m: any) => m.governmentId === seats.on.government.id);
    expect((await t.http.patch(`/api/v1/bodies/${body.id}/members/${seats.on.government.id}`, { role: 'co_chair' }, seats.on.official.token)).status).toBe(403);
    expect((await t.http.patch(`/api/v1/bodies/${body.id}/members/${seats.on.government.id}`, { role: 'chair' }, t.adminToken)).status).toBe(400);
    const promoted = await t.http.patch(`/api/v1/bodies/${body.id}/members/${seats.on.government.id}`, { role: 'co_chair' }, t.adminToken);
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({
      id: before.id,
      role: 'co_chair',
      startedAt: before.startedAt,
      endedAt: null,
      roleHistory: [{ from: 'member', to: 'co_chair' }],
    });

    // a second provincial co-chair breaks the co-chair rule: refused, and British Columbia stays a member
    const refused = await t.http.patch(`/api/v1/bodies/${body.id}/members/${seats.bc.government.id}`, { role: 'co_chair' }, t.adminToken);
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('co_chair_rule');
    const members = (await t.http.get(`/api/v1/bodies/${body.id}/members?includeEnded=true`, t.adminToken)).body.items;
    expect(members.filter((m: any) => m.governmentId === seats.bc.government.id).map((m: any) => m.role)).toEqual(['member']);
    expect(members).toHaveLength(3);

    const back = await t.http.patch(`/api/v1/bodies/${body.id}/members/${seats.on.government.id}`, { role: 'member' }, t.adminToken);
    expect(back.body.roleHistory.map((h: any) => `${h.from}>${h.to}`)).toEqual(['member>co_chair', 'co_chair>member']);
    expect((await t.http.patch(`/api/v1/bodies/${body.id}/members/${seats.bc.government.id}`, { role: 'co_chair' }, t.adminToken)).body.role).toBe('co_chair');
  });

  it('tells the requesting government’s officials that their join request was decided, in their language', async () => {
    const { body } = await f.bodyWith({ ca: { level: 'federal', role: 'co_chair' } }, { name: 'Table on asylum', nameFr: 'Table sur l’asile' });
    const city = await f.government({ level: 'municipal' });
    const asker = await f.official(city.id);
    const colleague = await f.official(city.id, { locale: 'fr' });
    const otherCity = await f.government({ level: 'municipal' });
    const other = await f.official(otherCity.id);
    const request = (await t.http.post(`/api/v1/bodies/${body.id}/join-requests`, { message: 'We shelter claimants' }, asker.token)).body;
    const otherRequest = (await t.http.post(`/api/v1/bodies/${body.id}/join-requests`, {}, other.token)).body;
    expect(
      (await t.http.post(`/api/v1/bodies/${body.id}/join-requests/${request.id}/decision`, { approve: true, reason: 'Welcome' }, t.adminToken)).status,
    ).toBe(200);
    expect(
      (await t.http.post(`/api/v1/bodies/${body.id}/join-requests/${otherRequest.id}/decision`, { approve: false, reason: 'Not now' }, t.adminToken)).status,
    ).toBe(200);

    const inbox = async (token: string) => (await t.http.get('/api/v1/notifications', token)).body.items as any[];
    const en = await waitUntil(async () => (await inbox(asker.token)).find((n) => n.category === 'membership'), 10_000, 'approval notice');
    expect(en).toMatchObject({ title: 'Request to join approved: Table on asylum', link: `/bodies/${body.id}` });
    expect(en.body).toContain('Welcome');
    const fr = await waitUntil(async () => (await inbox(colleague.token)).find((n) => n.category === 'membership'), 10_000, 'notice in French');
    // French typography puts a no-break space before the colon
    expect(fr.title.replace(/[\u00a0\u202f]/g, ' ')).toBe('Demande d’adhésion acceptée : Table sur l’asile');
    const declined = await waitUntil(async () => (await inbox(other.token)).find((n) => n.category === 'membership'), 10_000, 'refusal notice');
    expect(declined.title).toBe('Request to join declined: Table on asylum');
    expect(declined.body).toContain('Not now');
  });

  it('observers carry no cost share and support no action item (400)', async () => {
    const { body, seats } = await f.bodyWith({ ca: { level: 'federal', role: 'co_chair' }, on: { role: 'member' }, qc: { role: 'observer' } });
    const share = await t.http.post(
      '/api/v1/action-items',
      {
        bodyId: body.id,
        leadGovernmentId: seats.ca.government.id,
        title: 'Shelter',
        dueOn: '2030-06-30',
        costShares: [
          { governmentId: seats.ca.government.id, basisPoints: 5000 },
          { governmentId: seats.qc.government.id, basisPoints: 5000 },
        ],
      },
      t.adminToken,
    );
    expect(share.status).toBe(400);
    expect(JSON.stringify(share.body.message)).toContain('observer');
    const support = await t.http.post(
      '/api/v1/action-items',
      { bodyId: body.id, leadGovernmentId: seats.ca.government.id, title: 'Shelter', dueOn: '2030-06-30', supportingGovernmentIds: [seats.qc.government.id] },
      t.adminToken,
    );
    expect(support.status).toBe(400);
    const item = await f.actionItem(body.id, seats.ca.government.id, { supportingGovernmentIds: [seats.on.government.id] });
    const patched = await t.http.patch(
      `/api/v1/action-items/${item.id}`,
      { version: item.version, supportingGovernmentIds: [seats.qc.government.id] },
      t.adminToken,
    );
    expect(patched.status).toBe(400);
  });

  it('an accountability report asOf a past moment is the report as it stood then, from the kept updates', async () => {
    const { body, seats } = await f.bodyWith({ ca: { level: 'federal', role: 'co_chair' }, on: { role: 'member' } });
    const before = new Date(Date.now() - 60_000).toISOString();
    const item = await f.actionItem(body.id, seats.on.government.id, { dueOn: '2030-06-30' });
    const started = await f.moveActionItem(item.id, 'in_progress');
    const between = new Date().toISOString();
    await f.moveActionItem(started.id, 'done');
    const report = async (asOf?: string) =>
      (await t.http.get(`/api/v1/bodies/${body.id}/accountability${asOf ? `?asOf=${asOf}` : ''}`, seats.ca.official.token)).body.governments.find(
        (g: any) => g.governmentId === seats.on.government.id,
      );
    expect(await report()).toMatchObject({ led: 1, open: 0, doneOnTime: 1 });
    expect(await report(between)).toMatchObject({ led: 1, open: 1, doneOnTime: 0 });
    expect(await report(before)).toMatchObject({ led: 0, open: 0 });
  });
});
