import * as ical from 'node-ical';
import { Factories, TestGovernment, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** During and after: attendance and quorum, minutes, decisions (→ action items, referral upwards); calendars. */
describe('meetings: record and calendars', () => {
  let t: TestApp;
  let f: Factories;
  let bodyId: string;
  let seats: Record<string, { government: TestGovernment; official: TestOfficial }>;
  let outsider: TestOfficial;

  // attendance, minutes and decisions are for a meeting that has started: these took place, with seats held since before
  const SINCE = '2025-06-01T00:00:00Z';
  const HELD = { startsAt: '2026-01-13T16:00:00Z', endsAt: '2026-01-13T18:00:00Z' };

  const events = (ics: string) => Object.values(ical.sync.parseICS(ics)).filter((c: any) => c.type === 'VEVENT') as any[];

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    ({
      body: { id: bodyId },
      seats,
    } = await f.bodyWith({
      ca: { level: 'federal', role: 'member', since: SINCE },
      on: { role: 'member', since: SINCE },
      mb: { role: 'member', timeZone: 'America/Winnipeg', since: SINCE },
      bc: { role: 'member', timeZone: 'America/Vancouver', since: SINCE },
      qc: { role: 'observer', since: SINCE },
    }));
    outsider = await f.official((await f.government()).id);
  });
  afterAll(() => t?.close());

  const attend = (meetingId: string, seat: string, status: string, delegateUserIds?: string[]) =>
    t.http.request('PUT', `/api/v1/meetings/${meetingId}/attendance/${seats[seat].government.id}`, {
      token: t.adminToken,
      body: { status, ...(delegateUserIds ? { delegateUserIds } : {}) },
    });

  it('computes quorum from voting members present: observers attend but never count', async () => {
    const meeting = await f.meeting(bodyId, HELD);
    const start = await t.http.get(`/api/v1/meetings/${meeting.id}/attendance`, seats.qc.official.token);
    expect(start.status).toBe(200);
    expect(start.body.quorum).toEqual({ rulePercent: 50, eligible: 4, present: 0, required: 3, met: false });
    expect((await attend(meeting.id, 'qc', 'present', [seats.qc.official.id])).status).toBe(200);
    await attend(meeting.id, 'ca', 'present');
    const two = await attend(meeting.id, 'on', 'present', [seats.on.official.id]);
    // four present counting Quebec's observer seat, but only two of four voting members: no quorum
    expect(two.body.quorum).toMatchObject({ present: 2, met: false });
    expect(two.body.items.find((i: any) => i.code === seats.qc.government.code)).toMatchObject({
      role: 'observer',
      status: 'present',
      delegates: [{ userId: seats.qc.official.id, displayName: expect.any(String) }],
    });
    await attend(meeting.id, 'mb', 'regrets');
    const three = await attend(meeting.id, 'bc', 'present');
    expect(three.body.quorum).toMatchObject({ eligible: 4, present: 3, required: 3, met: true });

    expect((await attend(meeting.id, 'ca', 'present', [seats.on.official.id])).status).toBe(400);
    expect(
      (
        await t.http.request('PUT', `/api/v1/meetings/${meeting.id}/attendance/${seats.ca.government.id}`, {
          token: seats.ca.official.token,
          body: { status: 'absent' },
        })
      ).status,
    ).toBe(403);
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}/attendance`, outsider.token)).status).toBe(404);
  });

  it('follows the body’s own quorum rule', async () => {
    const { body, seats: s } = await f.bodyWith({ a: { role: 'member', since: SINCE }, b: { role: 'member', since: SINCE } }, { quorumPercent: 100 });
    const meeting = await f.meeting(body.id, HELD);
    await t.http.request('PUT', `/api/v1/meetings/${meeting.id}/attendance/${s.a.government.id}`, { token: t.adminToken, body: { status: 'present' } });
    const res = await t.http.get(`/api/v1/meetings/${meeting.id}/attendance`, t.adminToken);
    expect(res.body.quorum).toEqual({ rulePercent: 100, eligible: 2, present: 1, required: 2, met: false });
  });

  it('records minutes and numbered decisions tied to agenda items, then marks the meeting held', async () => {
    const meeting = await f.meeting(bodyId, HELD);
    const item = (
      await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { title: 'Interim housing', purpose: 'decision', durationMinutes: 30 }, t.adminToken)
    ).body;
    const minutes = await t.http.request('PUT', `/api/v1/meetings/${meeting.id}/minutes`, {
      token: t.adminToken,
      body: { text: 'Members reviewed the housing pressures in Toronto.' },
    });
    expect(minutes.status).toBe(200);
    const first = await t.http.post(`/api/v1/meetings/${meeting.id}/decisions`, { text: 'Establish a triage centre.', agendaItemId: item.id }, t.adminToken);
    const second = await t.http.post(`/api/v1/meetings/${meeting.id}/decisions`, { text: 'Report back on costs.' }, t.adminToken);
    expect([first.body.number, second.body.number]).toEqual([1, 2]);
    expect(first.body.agendaItemId).toBe(item.id);
    const wrongItem = await t.http.post(
      `/api/v1/meetings/${meeting.id}/decisions`,
      { text: 'x', agendaItemId: '00000000-0000-4000-8000-000000000000' },
      t.adminToken,
    );
    expect(wrongItem.status).toBe(400);
    expect((await t.http.post(`/api/v1/meetings/${meeting.id}/decisions`, { text: 'x' }, seats.on.official.token)).status).toBe(403);
    expect((await t.http.patch(`/api/v1/meetings/${meeting.id}`, { status: 'held' }, t.adminToken)).body.status).toBe('held');
    // a draft is the secretariat's; once circulated the members read it on the meeting too
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}`, seats.mb.official.token)).body.minutes).toBeNull();
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}`, t.adminToken)).body.minutes).toContain('housing pressures');
    await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/circulate`, { translationToFollow: true }, t.adminToken);
    const read = await t.http.get(`/api/v1/meetings/${meeting.id}`, seats.mb.official.token);
    expect(read.body.minutes).toContain('housing pressures');
    const list = await t.http.get(`/api/v1/meetings/${meeting.id}/decisions`, seats.qc.official.token);
    expect(list.body.items.map((d: any) => d.number)).toEqual([1, 2]);
  });

  it('creates an action item from a decision in one step, remembering the decision and the meeting', async () => {
    const meeting = await f.meeting(bodyId, HELD);
    const decision = (await t.http.post(`/api/v1/meetings/${meeting.id}/decisions`, { text: 'Ontario to map shelter capacity.' }, t.adminToken)).body;
    const res = await t.http.post(
      `/api/v1/meetings/${meeting.id}/decisions/${decision.id}/action-items`,
      { title: 'Map shelter capacity', leadGovernmentId: seats.on.government.id, dueOn: '2031-06-30' },
      t.adminToken,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ bodyId, meetingId: meeting.id, decisionId: decision.id, leadGovernmentId: seats.on.government.id });
    const listed = await t.http.get(`/api/v1/action-items?meetingId=${meeting.id}`, seats.on.official.token);
    expect(listed.body.items.map((i: any) => i.id)).toEqual([res.body.id]);
    const stranger = await t.http.post(
      `/api/v1/meetings/${meeting.id}/decisions/${decision.id}/action-items`,
      { title: 'Not my table', leadGovernmentId: seats.on.government.id, dueOn: '2031-06-30' },
      outsider.token,
    );
    expect(stranger.status).toBe(404);
    const bodyField = await t.http.post(
      `/api/v1/meetings/${meeting.id}/decisions/${decision.id}/action-items`,
      { bodyId, title: 'Body from the route', leadGovernmentId: seats.on.government.id, dueOn: '2031-06-30' },
      t.adminToken,
    );
    expect(bodyField.status).toBe(400);
  });

  it('refers a decision up the tree (working group → ADM table → DM table), keeping its lineage', async () => {
    const dm = await f.body({ kind: 'table', name: 'DM table' });
    const adm = await f.body({ kind: 'table', name: 'ADM table', parentId: dm.id });
    const wg = await f.body({ kind: 'working_group', name: 'Asylum WG', parentId: adm.id });
    for (const b of [dm, adm, wg]) await f.member(b.id, seats.ca.government.id, 'member', SINCE);
    const wgMeeting = await f.meeting(wg.id, HELD);
    const original = (await t.http.post(`/api/v1/meetings/${wgMeeting.id}/decisions`, { text: 'Recommend a cost-sharing framework.' }, t.adminToken)).body;
    const referred = await t.http.post(`/api/v1/meetings/${wgMeeting.id}/decisions/${original.id}/referral`, { note: 'Needs ADM approval' }, t.adminToken);
    expect(referred.status).toBe(201);
    expect(referred.body.referral).toMatchObject({ bodyId: adm.id, note: 'Needs ADM approval' });
    expect((await t.http.post(`/api/v1/meetings/${wgMeeting.id}/decisions/${original.id}/referral`, {}, t.adminToken)).status).toBe(409);
    const inbox = await t.http.get(`/api/v1/bodies/${adm.id}/referred-decisions`, seats.ca.official.token);
    expect(inbox.body.items.map((d: any) => d.id)).toEqual([original.id]);
    const [event] = await t.dataSource.query(`SELECT audience FROM outbox_event WHERE name = 'decision.referred' AND payload->>'id' = $1`, [original.id]);
    expect(event.audience).toEqual({ kind: 'body', bodyId: adm.id });

    const admMeeting = await f.meeting(adm.id, HELD);
    const admDecision = (
      await t.http.post(`/api/v1/meetings/${admMeeting.id}/decisions`, { text: 'Endorse the framework for DMs.', originDecisionId: original.id }, t.adminToken)
    ).body;
    await t.http.post(`/api/v1/meetings/${admMeeting.id}/decisions/${admDecision.id}/referral`, {}, t.adminToken);
    const dmMeeting = await f.meeting(dm.id, HELD);
    const dmDecision = (
      await t.http.post(`/api/v1/meetings/${dmMeeting.id}/decisions`, { text: 'Adopt the framework.', originDecisionId: admDecision.id }, t.adminToken)
    ).body;
    const lineage = await t.http.get(`/api/v1/meetings/${dmMeeting.id}/decisions/${dmDecision.id}`, t.adminToken);
    expect(lineage.body.lineage.origins.map((d: any) => [d.bodyId, d.id])).toEqual([
      [adm.id, admDecision.id],
      [wg.id, original.id],
    ]);
    const down = await t.http.get(`/api/v1/meetings/${wgMeeting.id}/decisions/${original.id}`, t.adminToken);
    expect(down.body.lineage.takenUpBy.map((d: any) => d.id)).toEqual([admDecision.id]);
    // the top of the tree has nowhere to refer to; a decision not referred here cannot be taken up here
    expect((await t.http.post(`/api/v1/meetings/${dmMeeting.id}/decisions/${dmDecision.id}/referral`, {}, t.adminToken)).status).toBe(409);
    expect((await t.http.post(`/api/v1/meetings/${dmMeeting.id}/decisions`, { text: 'x', originDecisionId: original.id }, t.adminToken)).status).toBe(400);
  });

  it('exports valid iCalendar: stable UID, SEQUENCE bumped on change, METHOD:CANCEL on cancellation', async () => {
    const meeting = await f.meeting(bodyId, { title: 'Task force follow-up', location: 'Montréal' });
    const first = await t.http.get(`/api/v1/meetings/${meeting.id}/calendar.ics`, seats.qc.official.token);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/calendar');
    expect(first.text).toContain('METHOD:REQUEST');
    const [event] = events(first.text);
    expect(event.summary).toContain('Task force follow-up');
    expect(event.location).toBe('Montréal');
    expect(new Date(event.start).toISOString()).toBe('2031-03-11T16:00:00.000Z');
    expect(new Date(event.end).toISOString()).toBe('2031-03-11T18:00:00.000Z');
    expect(Number(event.sequence)).toBe(0);

    await t.http.patch(`/api/v1/meetings/${meeting.id}`, { startsAt: '2031-03-13T16:00:00Z', endsAt: '2031-03-13T17:00:00Z' }, t.adminToken);
    const [moved] = events((await t.http.get(`/api/v1/meetings/${meeting.id}/calendar.ics`, seats.qc.official.token)).text);
    expect(moved.uid).toBe(event.uid);
    expect(Number(moved.sequence)).toBe(1);
    expect(new Date(moved.start).toISOString()).toBe('2031-03-13T16:00:00.000Z');

    await t.http.patch(`/api/v1/meetings/${meeting.id}`, { status: 'cancelled' }, t.adminToken);
    const cancelled = await t.http.get(`/api/v1/meetings/${meeting.id}/calendar.ics`, seats.qc.official.token);
    expect(cancelled.text).toContain('METHOD:CANCEL');
    const [gone] = events(cancelled.text);
    expect(gone.uid).toBe(event.uid);
    expect(Number(gone.sequence)).toBe(2);
    expect(gone.status).toBe('CANCELLED');
  });

  it('serves a personal subscription feed without a bearer header until its token is revoked', async () => {
    const meeting = await f.meeting(bodyId, { title: 'Feed me' });
    const created = await t.http.post('/api/v1/calendar-feeds', { label: 'Outlook' }, seats.mb.official.token);
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const path = new URL(created.body.url).pathname;
    const feed = await t.http.get(path);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    expect(events(feed.text).map((e) => e.uid)).toContain(`meeting-${meeting.id}@forum`);
    // the feed shows only the bodies of the owner's government
    const strangerFeed = (await t.http.post('/api/v1/calendar-feeds', {}, outsider.token)).body;
    expect(events((await t.http.get(new URL(strangerFeed.url).pathname)).text)).toEqual([]);
    // nobody else can revoke it; the owner can, and then it is gone
    expect((await t.http.delete(`/api/v1/calendar-feeds/${created.body.id}`, outsider.token)).status).toBe(404);
    const list = await t.http.get('/api/v1/calendar-feeds', seats.mb.official.token);
    expect(list.body.items.map((i: any) => i.id)).toContain(created.body.id);
    expect(list.body.items[0].token).toBeUndefined();
    expect((await t.http.delete(`/api/v1/calendar-feeds/${created.body.id}`, seats.mb.official.token)).status).toBe(200);
    expect((await t.http.get(path)).status).toBe(404);
    expect((await t.http.get('/api/v1/calendar-feeds/not-a-token/meetings.ics')).status).toBe(404);
  });
});
