import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('action items', () => {
  let t: TestApp;
  let f: Factories;
  let world: Awaited<ReturnType<Factories['bodyWith']>>;
  let stranger: Awaited<ReturnType<Factories['official']>>;
  const path = (id: string) => `/api/v1/action-items/${id}`;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    world = await f.bodyWith({
      lead: { role: 'co_chair', level: 'federal' },
      partner: { role: 'member' },
      city: { role: 'member', level: 'municipal' },
      observer: { role: 'observer' },
    });
    stranger = await f.official((await f.government()).id);
  });
  afterAll(() => t?.close());

  const lead = () => world.seats.lead;
  const partner = () => world.seats.partner;
  const observer = () => world.seats.observer;

  describe('creation', () => {
    it('is the secretariat’s, and the item starts not_started at version 1', async () => {
      const res = await t.http.post(
        '/api/v1/action-items',
        {
          bodyId: world.body.id,
          title: 'Share weekly arrival figures with provinces and cities',
          description: 'Data sharing on irregular crossings',
          leadGovernmentId: lead().government.id,
          // an observer supports no action item (tests/e2e/record-bodies): the city does
          supportingGovernmentIds: [partner().government.id, world.seats.city.government.id],
          responsibleUserIds: [lead().official.id],
          dueOn: '2030-09-30',
          priority: 'high',
          estimatedCostCents: 5_000_000_000,
          fundingSource: 'June 2018 federal funding',
          costShares: [
            { governmentId: lead().government.id, basisPoints: 7200 },
            { governmentId: partner().government.id, basisPoints: 2800 },
          ],
        },
        t.adminToken,
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        bodyId: world.body.id,
        leadGovernmentId: lead().government.id,
        supportingGovernmentIds: [partner().government.id, world.seats.city.government.id],
        responsibleUserIds: [lead().official.id],
        dueOn: '2030-09-30',
        status: 'not_started',
        progress: 0,
        priority: 'high',
        estimatedCostCents: 5_000_000_000,
        version: 1,
      });
      const outbox = await t.dataSource.query(
        `SELECT name, payload, audience, notify FROM outbox_event WHERE name = 'action-item.created' AND payload->>'id' = $1`,
        [res.body.id],
      );
      expect(outbox).toHaveLength(1);
      expect(outbox[0].payload).toEqual({ id: res.body.id, bodyId: world.body.id, version: 1 });
      expect(outbox[0].audience).toEqual({ kind: 'body', bodyId: world.body.id });
      expect(outbox[0].notify[0].recipients).toEqual({ userIds: [lead().official.id] });
    });

    it('is refused to officials: 403 for a member, 404 for a stranger', async () => {
      const body = { bodyId: world.body.id, title: 'Not mine to create', leadGovernmentId: lead().government.id, dueOn: '2030-01-01' };
      expect((await t.http.post('/api/v1/action-items', body, lead().official.token)).status).toBe(403);
      expect((await t.http.post('/api/v1/action-items', body, stranger.token)).status).toBe(404);
    });

    it('refuses an observer as lead, naming leadGovernmentId', async () => {
      const res = await t.http.post(
        '/api/v1/action-items',
        { bodyId: world.body.id, title: 'Observer lead', leadGovernmentId: observer().government.id, dueOn: '2030-01-01' },
        t.adminToken,
      );
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(/leadGovernmentId/);
      expect(JSON.stringify(res.body.message)).toMatch(/observer/);
    });

    it('refuses a lead or a supporting government that is not a member', async () => {
      const outsider = await f.government();
      const asLead = await t.http.post(
        '/api/v1/action-items',
        { bodyId: world.body.id, title: 'x y', leadGovernmentId: outsider.id, dueOn: '2030-01-01' },
        t.adminToken,
      );
      expect(asLead.status).toBe(400);
      expect(JSON.stringify(asLead.body.message)).toMatch(/leadGovernmentId/);
      const asSupport = await t.http.post(
        '/api/v1/action-items',
        { bodyId: world.body.id, title: 'x y', leadGovernmentId: lead().government.id, supportingGovernmentIds: [outsider.id], dueOn: '2030-01-01' },
        t.adminToken,
      );
      expect(asSupport.status).toBe(400);
      expect(JSON.stringify(asSupport.body.message)).toMatch(/supportingGovernmentIds/);
    });

    it('takes a meeting of the same body only', async () => {
      const base = { bodyId: world.body.id, title: 'Arising from a meeting', leadGovernmentId: lead().government.id, dueOn: '2030-01-01' };
      const own = await f.meeting(world.body.id);
      const created = await t.http.post('/api/v1/action-items', { ...base, meetingId: own.id }, t.adminToken);
      expect(created.status).toBe(201);
      expect(created.body.meetingId).toBe(own.id);
      const elsewhere = await f.meeting((await f.body()).id);
      const refused = await t.http.post('/api/v1/action-items', { ...base, meetingId: elsewhere.id }, t.adminToken);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body.message)).toMatch(/meetingId/);
    });

    it('refuses responsible officials who are not the lead government’s', async () => {
      const res = await t.http.post(
        '/api/v1/action-items',
        { bodyId: world.body.id, title: 'x y', leadGovernmentId: lead().government.id, responsibleUserIds: [partner().official.id], dueOn: '2030-01-01' },
        t.adminToken,
      );
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(/responsibleUserIds/);
    });

    it.each([
      ['99.99%', 2799],
      ['100.01%', 2801],
    ])('refuses cost shares adding to %s, naming costShares', async (_label, second) => {
      const res = await t.http.post(
        '/api/v1/action-items',
        {
          bodyId: world.body.id,
          title: 'Cost recovery for interim housing',
          leadGovernmentId: lead().government.id,
          dueOn: '2030-01-01',
          costShares: [
            { governmentId: lead().government.id, basisPoints: 7200 },
            { governmentId: partner().government.id, basisPoints: second },
          ],
        },
        t.adminToken,
      );
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(/costShares/);
    });

    it('refuses bad input with 400 naming the field, unknown fields included', async () => {
      const base = { bodyId: world.body.id, title: 'x y', leadGovernmentId: lead().government.id, dueOn: '2030-01-01' };
      for (const [patch, field] of [
        [{ dueOn: 'tomorrow' }, 'dueOn'],
        [{ dueOn: '2030-02-30T12:00:00Z' }, 'dueOn'],
        [{ estimatedCostCents: 12.5 }, 'estimatedCostCents'],
        [{ actualCostCents: 10 ** 16 }, 'actualCostCents'],
        [{ leadGovernmentId: 'nope' }, 'leadGovernmentId'],
        [{ costShares: [{ governmentId: lead().government.id, basisPoints: '10000' }] }, 'costShares'],
        [{ colour: 'red' }, 'colour'],
      ] as const) {
        const res = await t.http.post('/api/v1/action-items', { ...base, ...patch }, t.adminToken);
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.message)).toContain(field);
      }
    });
  });

  it('reads a due date sent as a whole timestamp as the calendar date it names', async () => {
    const res = await t.http.post(
      '/api/v1/action-items',
      { bodyId: world.body.id, title: 'Timestamped', leadGovernmentId: lead().government.id, dueOn: '2030-06-30T23:30:00-04:00' },
      t.adminToken,
    );
    expect(res.status).toBe(201);
    expect(res.body.dueOn).toBe('2030-06-30');
  });

  describe('transitions', () => {
    const allowed: [string, string][] = [
      ['not_started', 'in_progress'],
      ['in_progress', 'blocked'],
      ['blocked', 'in_progress'],
      ['in_progress', 'done'],
      ['not_started', 'cancelled'],
      ['in_progress', 'cancelled'],
      ['blocked', 'cancelled'],
    ];
    const reach: Record<string, string[]> = {
      not_started: [],
      in_progress: ['in_progress'],
      blocked: ['in_progress', 'blocked'],
      done: ['in_progress', 'done'],
      cancelled: ['cancelled'],
    };
    const statuses = Object.keys(reach);
    const cases = statuses.flatMap((from) => statuses.filter((to) => to !== from).map((to) => [from, to] as [string, string]));

    it.each(cases)('%s → %s by the lead government’s official', async (from, to) => {
      const item = await f.actionItem(world.body.id, lead().government.id);
      const at = await f.moveActionItem(item.id, ...reach[from]);
      const res = await t.http.patch(path(item.id), { version: at.version, status: to, reason: 'asked' }, lead().official.token);
      if (allowed.some(([a, b]) => a === from && b === to)) {
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(to);
        expect(res.body.version).toBe(at.version + 1);
        if (to === 'done') expect(res.body.progress).toBe(100);
      } else if ((from === 'done' || from === 'cancelled') && to === 'in_progress') {
        // reopening is the secretariat's
        expect(res.status).toBe(403);
      } else {
        expect(res.status).toBe(409);
        expect(res.body.message).toMatch(new RegExp(`${from} to ${to}`));
      }
    });

    it('lets the secretariat reopen a done item with a reason, and only with one', async () => {
      const item = await f.actionItem(world.body.id, lead().government.id);
      const done = await f.moveActionItem(item.id, 'in_progress', 'done');
      expect(done.progress).toBe(100);
      expect(done.completedAt).not.toBeNull();
      const noReason = await t.http.patch(path(item.id), { version: done.version, status: 'in_progress' }, t.adminToken);
      expect(noReason.status).toBe(400);
      expect(JSON.stringify(noReason.body.message)).toMatch(/reason/);
      const reopened = await t.http.patch(
        path(item.id),
        { version: done.version, status: 'in_progress', progress: 80, reason: 'The housing figures were revised' },
        t.adminToken,
      );
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ status: 'in_progress', progress: 80, completedAt: null });
      const history = await t.http.get(`${path(item.id)}/updates`, t.adminToken);
      expect(history.body.items[0]).toMatchObject({ note: 'The housing figures were revised', changes: { status: { from: 'done', to: 'in_progress' } } });
    });

    it('refuses a progress other than 100 with done, and any change to a cancelled item', async () => {
      const item = await f.actionItem(world.body.id, lead().government.id);
      const at = await f.moveActionItem(item.id, 'in_progress');
      expect((await t.http.patch(path(item.id), { version: at.version, status: 'done', progress: 90 }, t.adminToken)).status).toBe(400);
      const cancelled = await f.moveActionItem(item.id, 'cancelled');
      const res = await t.http.patch(path(item.id), { version: cancelled.version, title: 'New title' }, t.adminToken);
      expect(res.status).toBe(409);
    });
  });

  describe('versions', () => {
    it('gives the second of two clients who read the same version a 409 with the current item', async () => {
      const item = await f.actionItem(world.body.id, lead().government.id);
      const [a, b] = await Promise.all([t.http.get(path(item.id), lead().official.token), t.http.get(path(item.id), t.adminToken)]);
      expect(a.body.version).toBe(b.body.version);
      const first = await t.http.patch(path(item.id), { version: a.body.version, progress: 30, status: 'in_progress' }, lead().official.token);
      expect(first.status).toBe(200);
      const second = await t.http.patch(path(item.id), { version: b.body.version, title: 'Overwrite attempt' }, t.adminToken);
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(second.body.current).toMatchObject({ id: item.id, version: first.body.version, progress: 30, status: 'in_progress' });
      expect((await t.http.get(path(item.id), t.adminToken)).body.title).toBe(item.title);
    });

    it('lets only one of two concurrent writers of the same version through', async () => {
      const item = await f.actionItem(world.body.id, lead().government.id);
      const results = await Promise.all([
        t.http.patch(path(item.id), { version: 1, progress: 10 }, lead().official.token),
        t.http.patch(path(item.id), { version: 1, progress: 20 }, t.adminToken),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect((await t.http.get(path(item.id), t.adminToken)).body.version).toBe(2);
    });

    it('refuses a PATCH without the version it read with 409 and the current item, and a malformed one with 400', async () => {
      const item = await f.actionItem(world.body.id, lead().government.id);
      const res = await t.http.patch(path(item.id), { progress: 10 }, t.adminToken);
      expect(res.status).toBe(409);
      expect(res.body.current).toMatchObject({ id: item.id, version: 1, progress: 0 });
      const malformed = await t.http.patch(path(item.id), { version: 'one', progress: 10 }, t.adminToken);
      expect(malformed.status).toBe(400);
      expect(JSON.stringify(malformed.body.message)).toMatch(/version/);
      expect((await t.http.get(path(item.id), t.adminToken)).body.progress).toBe(0);
    });
  });

  describe('who may read and write', () => {
    let item: { id: string; version: number; title: string };
    beforeAll(async () => {
      item = await f.actionItem(world.body.id, lead().government.id, { supportingGovernmentIds: [partner().government.id] });
    });

    it('lets every member read it, observers included, and hides it from strangers', async () => {
      for (const seat of Object.values(world.seats)) {
        expect((await t.http.get(path(item.id), seat.official.token)).status).toBe(200);
        expect((await t.http.get(`${path(item.id)}/updates`, seat.official.token)).status).toBe(200);
      }
      expect((await t.http.get(path(item.id), stranger.token)).status).toBe(404);
      expect((await t.http.get(`${path(item.id)}/updates`, stranger.token)).status).toBe(404);
      expect((await t.http.patch(path(item.id), { version: 1, progress: 5 }, stranger.token)).status).toBe(404);
      const list = await t.http.get(`/api/v1/action-items`, stranger.token);
      expect(list.body).toEqual({ items: [], total: 0 });
      expect((await t.http.get(`/api/v1/action-items?bodyId=${world.body.id}`, stranger.token)).status).toBe(404);
    });

    it('refuses changes by a supporting government’s official (403), who can still read it', async () => {
      const res = await t.http.patch(path(item.id), { version: item.version, progress: 50 }, partner().official.token);
      expect(res.status).toBe(403);
      expect((await t.http.post(`${path(item.id)}/updates`, { note: 'We did our part' }, partner().official.token)).status).toBe(403);
      expect((await t.http.get(path(item.id), partner().official.token)).body.progress).toBe(0);
    });

    it('answers 404 for an item that does not exist and 400 for an id that is not one', async () => {
      expect((await t.http.get(path('00000000-0000-4000-8000-000000000000'), t.adminToken)).status).toBe(404);
      expect((await t.http.get(path('not-an-id'), t.adminToken)).status).toBe(400);
    });
  });

  describe('updates that last', () => {
    it('keeps every PATCH change and every progress report, with author and changed fields', async () => {
      const item = await f.actionItem(world.body.id, lead().government.id);
      // the due date is the secretariat's: the lead official's PATCH of it is refused, nothing changes
      expect((await t.http.patch(path(item.id), { version: 1, status: 'in_progress', progress: 25, dueOn: '2030-12-31' }, lead().official.token)).status).toBe(
        403,
      );
      const patched = await t.http.patch(path(item.id), { version: 1, status: 'in_progress', progress: 25 }, lead().official.token);
      expect(patched.status).toBe(200);
      const report = await t.http.post(`${path(item.id)}/updates`, { note: 'Housing spaces secured in Montréal', progress: 60 }, lead().official.token);
      expect(report.status).toBe(201);
      expect(report.body).toMatchObject({
        note: 'Housing spaces secured in Montréal',
        progress: 60,
        authorUserId: lead().official.id,
        item: { progress: 60, version: 3 },
      });
      const shares = await t.http.patch(
        path(item.id),
        { version: 3, costShares: [{ governmentId: lead().government.id, basisPoints: 10000 }], actualCostCents: 123_45 },
        t.adminToken,
      );
      expect(shares.status).toBe(200);

      const history = await t.http.get(`${path(item.id)}/updates`, partner().official.token);
      expect(history.status).toBe(200);
      expect(history.body.total).toBe(4);
      const [costs, progress, change, created] = history.body.items;
      expect(created).toMatchObject({ kind: 'created', version: 1 });
      expect(change).toMatchObject({
        kind: 'change',
        authorUserId: lead().official.id,
        authorGovernmentId: lead().government.id,
        version: 2,
        changes: { status: { from: 'not_started', to: 'in_progress' }, progress: { from: 0, to: 25 } },
      });
      expect(change.changedFields.sort()).toEqual(['progress', 'status']);
      expect(change.authorName).toMatch(/Official/);
      expect(progress).toMatchObject({ kind: 'report', note: 'Housing spaces secured in Montréal', progress: 60, changes: { progress: { from: 25, to: 60 } } });
      expect(costs).toMatchObject({
        kind: 'change',
        changes: { costShares: { from: [], to: [{ governmentId: lead().government.id, basisPoints: 10000 }] }, actualCostCents: { from: null, to: 12345 } },
      });
    });

    it('keeps a report that changes nothing without bumping the version', async () => {
      const item = await f.actionItem(world.body.id, lead().government.id);
      const res = await t.http.post(`${path(item.id)}/updates`, { note: 'Waiting for the provinces' }, lead().official.token);
      expect(res.status).toBe(201);
      expect(res.body.item.version).toBe(1);
      expect((await t.http.get(`${path(item.id)}/updates`, t.adminToken)).body.total).toBe(2);
      expect((await t.http.post(`${path(item.id)}/updates`, { progress: 10 }, lead().official.token)).status).toBe(400);
    });

    it('notifies on reassignment to the new lead', async () => {
      const item = await f.actionItem(world.body.id, lead().government.id, { responsibleUserIds: [lead().official.id] });
      const res = await t.http.patch(path(item.id), { version: 1, leadGovernmentId: partner().government.id }, t.adminToken);
      expect(res.status).toBe(200);
      expect(res.body.responsibleUserIds).toEqual([]);
      const [event] = await t.dataSource.query(`SELECT notify FROM outbox_event WHERE name = 'action-item.updated' AND payload->>'id' = $1`, [item.id]);
      expect(event.notify[0].recipients).toEqual({ governmentIds: [partner().government.id] });
      expect((await t.http.patch(path(item.id), { version: 2, leadGovernmentId: observer().government.id }, t.adminToken)).status).toBe(400);
    });
  });

  describe('lists', () => {
    let body: { id: string };
    let ids: Record<string, string>;
    let seats: Awaited<ReturnType<Factories['bodyWith']>>['seats'];
    beforeAll(async () => {
      const made = await f.bodyWith({ a: { role: 'member' }, b: { role: 'member' } });
      body = made.body;
      seats = made.seats;
      const a = seats.a.government.id;
      const b = seats.b.government.id;
      ids = {
        past: (await f.actionItem(body.id, a, { dueOn: '2020-03-01', priority: 'low' })).id,
        pastDone: (await f.actionItem(body.id, a, { dueOn: '2020-02-01', status: 'in_progress' })).id,
        soon: (await f.actionItem(body.id, b, { dueOn: '2031-01-10', priority: 'urgent', supportingGovernmentIds: [a] })).id,
        later: (await f.actionItem(body.id, b, { dueOn: '2032-05-05', priority: 'high' })).id,
      };
      await f.moveActionItem(ids.pastDone, 'done');
    });
    const list = async (query: string) => {
      const res = await t.http.get(`/api/v1/action-items?bodyId=${body.id}&${query}`, t.adminToken);
      expect(res.status).toBe(200);
      return res.body as { items: { id: string }[]; total: number };
    };
    const names = (page: { items: { id: string }[] }) => page.items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0]);

    it('sorts by due date by default and paginates with a total', async () => {
      expect(names(await list(''))).toEqual(['pastDone', 'past', 'soon', 'later']);
      const page = await list('limit=2&offset=1');
      expect(page.total).toBe(4);
      expect(names(page)).toEqual(['past', 'soon']);
    });

    it('filters by government, status, due range and overdue', async () => {
      expect(names(await list(`governmentId=${seats.a.government.id}`))).toEqual(['pastDone', 'past', 'soon']);
      expect(names(await list('status=done'))).toEqual(['pastDone']);
      expect(names(await list('status=not_started,done'))).toEqual(['pastDone', 'past', 'soon', 'later']);
      expect(names(await list('dueFrom=2020-03-01&dueTo=2031-12-31'))).toEqual(['past', 'soon']);
      expect(names(await list('overdue=true'))).toEqual(['past']);
    });

    it('sorts by priority, most urgent first, and by last update', async () => {
      expect(names(await list('sort=priority'))).toEqual(['soon', 'later', 'pastDone', 'past']);
      expect(names(await list('sort=updatedAt'))[0]).toBe('pastDone');
    });

    it('refuses unknown filters and bad values', async () => {
      expect((await t.http.get(`/api/v1/action-items?status=finished`, t.adminToken)).status).toBe(400);
      expect((await t.http.get(`/api/v1/action-items?sort=title`, t.adminToken)).status).toBe(400);
      expect((await t.http.get(`/api/v1/action-items?colour=red`, t.adminToken)).status).toBe(400);
    });

    it('shows an official only the bodies of their government', async () => {
      const page = (await t.http.get(`/api/v1/action-items`, seats.a.official.token)).body;
      expect(page.total).toBe(4);
      expect(page.items.every((i: { bodyId: string }) => i.bodyId === body.id)).toBe(true);
    });
  });
});
