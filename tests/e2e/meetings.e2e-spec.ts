import { Factories, TestGovernment, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Scheduling: access, invitees in their own zones, warnings, slots, changes, cancellation and bad input. */
describe('meetings: scheduling', () => {
  let t: TestApp;
  let f: Factories;
  let bodyId: string;
  let seats: Record<string, { government: TestGovernment; official: TestOfficial }>;
  let outsider: TestOfficial;

  const outbox = (name: string, id: string) =>
    t.dataSource.query(`SELECT name, payload, audience, notify FROM outbox_event WHERE name = $1 AND payload->>'id' = $2 ORDER BY id`, [name, id]);

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    const ca = await f.government({ code: 'CA', level: 'federal', timeZone: 'America/Toronto' });
    const nl = await f.government({ code: 'NL', timeZone: 'America/St_Johns' });
    const bc = await f.government({ code: 'BC', timeZone: 'America/Vancouver' });
    const qc = await f.government({ code: 'QC', timeZone: 'America/Toronto' });
    const body = await f.body({ kind: 'table' });
    bodyId = body.id;
    await f.member(bodyId, ca.id, 'member');
    await f.member(bodyId, nl.id, 'member');
    await f.member(bodyId, bc.id, 'member');
    await f.member(bodyId, qc.id, 'observer');
    seats = {};
    for (const [key, government] of Object.entries({ ca, nl, bc, qc })) seats[key] = { government, official: await f.official(government.id) };
    outsider = await f.official((await f.government({ code: 'SK', timeZone: 'America/Regina' })).id);
  });
  afterAll(() => t?.close());

  it('schedules a meeting with every invited government’s local time, and invites them through the outbox', async () => {
    const res = await t.http.post(
      '/api/v1/meetings',
      {
        bodyId,
        title: 'Asylum flows: spring outlook',
        startsAt: '2031-03-11T16:00:00Z',
        endsAt: '2031-03-11T18:00:00Z',
        location: 'Ottawa, 365 Laurier',
        videoUrl: 'https://video.example.ca/room/1',
      },
      t.adminToken,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      bodyId,
      status: 'scheduled',
      startsAt: '2031-03-11T16:00:00.000Z',
      endsAt: '2031-03-11T18:00:00.000Z',
      sequence: 0,
      warnings: [],
    });
    const byCode = Object.fromEntries(res.body.invitees.map((i: any) => [i.code, i]));
    expect(Object.keys(byCode).sort()).toEqual(['BC', 'CA', 'NL', 'QC']);
    expect(byCode.NL).toMatchObject({ timeZone: 'America/St_Johns', localStartsAt: '2031-03-11T13:30:00-02:30', localEndsAt: '2031-03-11T15:30:00-02:30' });
    expect(byCode.BC).toMatchObject({ timeZone: 'America/Vancouver', localStartsAt: '2031-03-11T09:00:00-07:00' });
    expect(byCode.QC.role).toBe('observer');

    const [created] = await outbox('meeting.created', res.body.id);
    expect(created.audience).toEqual({ kind: 'body', bodyId });
    expect(created.payload).toEqual({ id: res.body.id, bodyId });
    expect(created.notify[0]).toMatchObject({ category: 'meetings', key: `meeting:${res.body.id}:invitation`, link: `/meetings/${res.body.id}` });
    expect(created.notify[0].recipients.governmentIds.sort()).toEqual(
      Object.values(seats)
        .map((s) => s.government.id)
        .sort(),
    );
    expect(created.notify[0].subject.fr).toContain('Invitation');
  });

  it('lets officials of member governments (observers included) read, and hides the meeting from everyone else, in lists too', async () => {
    const meeting = await f.meeting(bodyId);
    for (const who of [seats.nl.official, seats.qc.official]) {
      expect((await t.http.get(`/api/v1/meetings/${meeting.id}`, who.token)).status).toBe(200);
      const list = await t.http.get(`/api/v1/meetings?bodyId=${bodyId}`, who.token);
      expect(list.body.items.map((m: any) => m.id)).toContain(meeting.id);
    }
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}`, outsider.token)).status).toBe(404);
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}/agenda-items`, outsider.token)).status).toBe(404);
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}/calendar.ics`, outsider.token)).status).toBe(404);
    const list = await t.http.get('/api/v1/meetings', outsider.token);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [], total: 0 });
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}`)).status).toBe(401);
  });

  it('lets only the secretariat write: a member official gets 403, a stranger 404', async () => {
    const meeting = await f.meeting(bodyId);
    const body = { bodyId, title: 'Not mine to call', startsAt: '2031-03-12T16:00:00Z', endsAt: '2031-03-12T17:00:00Z' };
    expect((await t.http.post('/api/v1/meetings', body, seats.ca.official.token)).status).toBe(403);
    expect((await t.http.post('/api/v1/meetings', body, outsider.token)).status).toBe(404);
    expect((await t.http.patch(`/api/v1/meetings/${meeting.id}`, { title: 'x' }, seats.ca.official.token)).status).toBe(403);
    expect((await t.http.patch(`/api/v1/meetings/${meeting.id}`, { title: 'x' }, outsider.token)).status).toBe(404);
    const item = { title: 'x', purpose: 'information', durationMinutes: 10 };
    expect((await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, item, seats.qc.official.token)).status).toBe(403);
    expect((await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, item, outsider.token)).status).toBe(404);
  });

  it('warns about hours outside a Newfoundland participant’s day that are fine elsewhere (UTC−2:30)', async () => {
    const late = await f.meeting(bodyId, { startsAt: '2031-03-11T20:00:00Z', endsAt: '2031-03-11T20:45:00Z' });
    expect(late.warnings).toEqual([expect.objectContaining({ code: 'outside_working_hours', governmentId: seats.nl.government.id })]);
    expect(late.warnings[0].message).toContain('18:15');
    const justInTime = await f.meeting(bodyId, { startsAt: '2031-03-11T19:45:00Z', endsAt: '2031-03-11T20:30:00Z' });
    expect(justInTime.warnings).toEqual([]);
  });

  it('warns a British Columbia participant before 08:00 Pacific, and gets daylight saving right', async () => {
    // 15:30 UTC: 07:30 PST on Friday 7 March 2031, 08:30 PDT on Monday 10 March after the change
    const before = await f.meeting(bodyId, { startsAt: '2031-03-07T15:30:00Z', endsAt: '2031-03-07T16:30:00Z' });
    expect(before.warnings.map((w: any) => [w.code, w.governmentId])).toEqual([['outside_working_hours', seats.bc.government.id]]);
    const after = await f.meeting(bodyId, { startsAt: '2031-03-10T15:30:00Z', endsAt: '2031-03-10T16:30:00Z' });
    expect(after.warnings).toEqual([]);
    expect(after.invitees.find((i: any) => i.code === 'BC').localStartsAt).toBe('2031-03-10T08:30:00-07:00');
    // a meeting across the change itself: the night of 8–9 March is a weekend everywhere
    const across = await f.meeting(bodyId, { startsAt: '2031-03-09T06:00:00Z', endsAt: '2031-03-09T12:00:00Z' });
    expect(new Set(across.warnings.map((w: any) => w.code))).toEqual(new Set(['non_working_day', 'outside_working_hours']));
  });

  it('warns about statutory holidays of each participant’s own jurisdiction', async () => {
    const bcDay = await f.meeting(bodyId, { startsAt: '2031-08-04T17:00:00Z', endsAt: '2031-08-04T18:00:00Z' });
    expect(bcDay.warnings.map((w: any) => [w.code, w.governmentId])).toEqual([['statutory_holiday', seats.bc.government.id]]);
  });

  it('warns when a named delegate is already booked at an overlapping time', async () => {
    const delegate = seats.nl.official.id;
    const first = await f.meeting(bodyId, { startsAt: '2031-04-15T15:00:00Z', endsAt: '2031-04-15T17:00:00Z', delegateUserIds: [delegate] });
    expect(first.warnings).toEqual([]);
    expect(first.invitees.find((i: any) => i.code === 'NL').delegates).toEqual([{ userId: delegate, displayName: expect.any(String) }]);
    const second = await f.meeting(bodyId, { startsAt: '2031-04-15T16:30:00Z', endsAt: '2031-04-15T17:30:00Z', delegateUserIds: [delegate] });
    expect(second.warnings).toEqual([expect.objectContaining({ code: 'delegate_double_booked', userId: delegate, governmentId: seats.nl.government.id })]);
    const refused = await t.http.post(
      '/api/v1/meetings',
      { bodyId, title: 'x', startsAt: '2031-04-16T15:00:00Z', endsAt: '2031-04-16T16:00:00Z', delegateUserIds: [outsider.id] },
      t.adminToken,
    );
    expect(refused.status).toBe(400);
    expect(String(refused.body.message)).toContain('delegateUserIds');
  });

  it('suggests the earliest slots that fit every participant’s day, holidays and delegates’ calendars', async () => {
    // Monday 1 September 2031 is Labour Day; the BC delegate is booked 15:00–16:00 UTC on Tuesday 2 September;
    // Vancouver opens at 15:00 UTC and St. John's closes at 20:30 UTC, so Tuesday holds three 90-minute slots
    await f.meeting(bodyId, { startsAt: '2031-09-02T15:00:00Z', endsAt: '2031-09-02T16:00:00Z', delegateUserIds: [seats.bc.official.id] });
    const res = await t.http.get(
      `/api/v1/meetings/slots?bodyId=${bodyId}&durationMinutes=90&from=2031-08-30T00:00:00Z&to=2031-09-06T00:00:00Z&count=3`,
      seats.ca.official.token,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: any) => s.startsAt)).toEqual(['2031-09-02T16:00:00.000Z', '2031-09-02T17:30:00.000Z', '2031-09-02T19:00:00.000Z']);
    for (const slot of res.body.items) {
      expect(slot.invitees).toHaveLength(4);
      for (const local of slot.invitees) {
        expect(local.localStartsAt.slice(11, 16) >= '08:00').toBe(true);
        expect(local.localEndsAt.slice(11, 16) <= '18:00').toBe(true);
      }
    }
    expect(
      (await t.http.get(`/api/v1/meetings/slots?bodyId=${bodyId}&durationMinutes=60&from=2031-08-30T00:00:00Z&to=2031-09-06T00:00:00Z`, outsider.token)).status,
    ).toBe(404);
    const bad = await t.http.get(`/api/v1/meetings/slots?bodyId=${bodyId}&durationMinutes=-5&from=2031-08-30T00:00:00Z&to=2031-09-06T00:00:00Z`, t.adminToken);
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toContain('durationMinutes');
  });

  it('reschedules with a reason: SEQUENCE grows, invitees are told of the change under a key per revision', async () => {
    const meeting = await f.meeting(bodyId);
    const res = await t.http.patch(
      `/api/v1/meetings/${meeting.id}`,
      { startsAt: '2031-03-12T16:00:00Z', endsAt: '2031-03-12T18:00:00Z', reason: 'Minister travelling' },
      t.adminToken,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ startsAt: '2031-03-12T16:00:00.000Z', sequence: 1, rescheduleReason: 'Minister travelling', warnings: [] });
    const [updated] = await outbox('meeting.updated', meeting.id);
    expect(updated.notify[0]).toMatchObject({ key: `meeting:${meeting.id}:rev:1` });
    expect(updated.notify[0].body.en).toContain('Minister travelling');
    expect(updated.notify[0].body.fr).toContain('Motif');
  });

  it('cancels through PATCH status "cancelled" once, telling the invitees; a second cancellation is a conflict', async () => {
    const meeting = await f.meeting(bodyId);
    const res = await t.http.patch(`/api/v1/meetings/${meeting.id}`, { status: 'cancelled', reason: 'No quorum expected' }, t.adminToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancellationReason: 'No quorum expected', sequence: 1 });
    const [cancelled] = await outbox('meeting.cancelled', meeting.id);
    expect(cancelled.notify[0].key).toBe(`meeting:${meeting.id}:cancelled`);
    expect((await t.http.patch(`/api/v1/meetings/${meeting.id}`, { status: 'cancelled' }, t.adminToken)).status).toBe(409);
    expect((await t.http.patch(`/api/v1/meetings/${meeting.id}`, { title: 'Back again' }, t.adminToken)).status).toBe(409);
    const listed = await t.http.get(`/api/v1/meetings?bodyId=${bodyId}&status=cancelled`, seats.ca.official.token);
    expect(listed.body.items.map((m: any) => m.id)).toEqual([meeting.id]);
  });

  it('keeps a draft to the secretariat and invites nobody until it is scheduled', async () => {
    const draft = await f.meeting(bodyId, { status: 'draft' });
    expect((await t.http.get(`/api/v1/meetings/${draft.id}`, seats.ca.official.token)).status).toBe(404);
    expect((await outbox('meeting.created', draft.id))[0].notify).toBeNull();
    expect((await t.http.patch(`/api/v1/meetings/${draft.id}`, { status: 'scheduled' }, t.adminToken)).status).toBe(200);
    expect((await t.http.get(`/api/v1/meetings/${draft.id}`, seats.ca.official.token)).status).toBe(200);
    expect((await outbox('meeting.updated', draft.id))[0].notify[0].key).toBe(`meeting:${draft.id}:invitation`);
  });

  it('invites the current members to a meeting entered for a time before anyone had a recorded seat', async () => {
    const past = await f.meeting(bodyId, { startsAt: '2019-03-12T15:00:00Z', endsAt: '2019-03-12T16:00:00Z' });
    expect(past.invitees.map((i: any) => i.code).sort()).toEqual(['BC', 'CA', 'NL', 'QC']);
    expect(past.invitees.find((i: any) => i.code === 'NL').localStartsAt).toBe('2019-03-12T12:30:00-02:30');
    expect((await outbox('meeting.created', past.id))[0].notify).toBeNull();
  });

  it('documents the routes in the OpenAPI document', async () => {
    const paths = Object.keys((await t.http.get('/api/docs-json')).body.paths);
    for (const path of [
      '/api/v1/meetings',
      '/api/v1/meetings/{id}',
      '/api/v1/meetings/slots',
      '/api/v1/meetings/{id}/agenda-items',
      '/api/v1/meetings/{id}/agenda-items/{itemId}',
      '/api/v1/meetings/{id}/calendar.ics',
      '/api/v1/calendar-feeds/{token}/meetings.ics',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('pages the list by start time, ascending by default and newest first with ?order=desc, filtered by several statuses', async () => {
    const body = await f.body({ kind: 'table' });
    await f.member(body.id, seats.ca.government.id, 'member', '2015-01-01T00:00:00Z');
    const starts = ['2016-02-01T15:00:00Z', '2016-06-01T15:00:00Z', '2017-01-10T15:00:00Z', '2032-01-06T16:00:00Z', '2032-02-03T16:00:00Z'];
    const made = [];
    for (const startsAt of starts) made.push(await f.meeting(body.id, { startsAt, endsAt: startsAt.replace(/T(\d\d)/, (_, h) => `T${Number(h) + 1}`) }));
    await t.http.patch(`/api/v1/meetings/${made[4].id}`, { status: 'cancelled' }, t.adminToken);
    const list = async (query: string) => (await t.http.get(`/api/v1/meetings?bodyId=${body.id}&${query}`, seats.ca.official.token)).body;
    const startsOf = (page: any) => page.items.map((m: any) => m.startsAt.slice(0, 10));

    expect(startsOf(await list('limit=2'))).toEqual(['2016-02-01', '2016-06-01']);
    const pastNewestFirst = await list(`to=2020-01-01T00:00:00Z&order=desc&limit=2`);
    expect(pastNewestFirst.total).toBe(3);
    expect(startsOf(pastNewestFirst)).toEqual(['2017-01-10', '2016-06-01']);
    expect(startsOf(await list(`to=2020-01-01T00:00:00Z&order=desc&limit=2&offset=2`))).toEqual(['2016-02-01']);
    const upcoming = await list(`from=2020-01-01T00:00:00Z&status=draft,scheduled&limit=1`);
    expect(upcoming).toMatchObject({ total: 1 });
    expect(startsOf(upcoming)).toEqual(['2032-01-06']);
    expect((await list('status=scheduled,cancelled')).total).toBe(5);
    expect((await list('status=cancelled')).total).toBe(1);

    for (const [query, field] of [
      ['order=sideways', 'order'],
      ['status=scheduled,postponed', 'status'],
      ['limit=0', 'limit'],
    ]) {
      const refused = await t.http.get(`/api/v1/meetings?${query}`, seats.ca.official.token);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body.message)).toContain(field);
    }
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const count = async () => Number((await t.dataSource.query(`SELECT count(*) FROM meeting`))[0].count);
    const before = await count();
    const base = { bodyId, title: 'Valid', startsAt: '2031-03-11T16:00:00Z', endsAt: '2031-03-11T18:00:00Z' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, endsAt: '2031-03-11T15:00:00Z' }, 'endsAt'],
      [{ ...base, endsAt: base.startsAt }, 'endsAt'],
      [{ ...base, bodyId: '00000000-0000-4000-8000-000000000000' }, 'bodyId'],
      [{ ...base, bodyId: 'not-a-uuid' }, 'bodyId'],
      [{ ...base, title: 'x'.repeat(10_000) }, 'title'],
      [{ ...base, startsAt: 'tomorrow' }, 'startsAt'],
      [{ ...base, colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post('/api/v1/meetings', body, t.adminToken);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.stringify(res.body.message)).toContain(field);
    }
    expect(await count()).toBe(before);
    const meeting = await f.meeting(bodyId);
    const negative = await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { title: 'x', purpose: 'decision', durationMinutes: -5 }, t.adminToken);
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body.message)).toContain('durationMinutes');
    const otherBody = await t.http.patch(`/api/v1/meetings/${meeting.id}`, { bodyId: (await f.body()).id }, t.adminToken);
    expect(otherBody.status).toBe(400);
    expect(JSON.stringify(otherBody.body.message)).toContain('bodyId');
    expect((await t.http.patch(`/api/v1/meetings/${meeting.id}`, { bodyId, title: 'Same body' }, t.adminToken)).status).toBe(200);
    const moved = await t.http.patch(`/api/v1/meetings/${meeting.id}`, { endsAt: '2031-03-11T15:00:00Z' }, t.adminToken);
    expect(moved.status).toBe(400);
    expect(JSON.stringify(moved.body.message)).toContain('endsAt');
    expect((await t.dataSource.query(`SELECT count(*) FROM agenda_item WHERE meeting_id = $1`, [meeting.id]))[0].count).toBe('0');
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}`, t.adminToken)).body.endsAt).toBe('2031-03-11T18:00:00.000Z');
  });
});
