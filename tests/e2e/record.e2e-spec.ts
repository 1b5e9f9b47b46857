import { MeetingJobsService } from '@forum/meetings';
import { Factories, TestGovernment, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';

/** The record of a consensus body: minutes circulated, commented on, adopted and frozen; positions and consensus. */
describe('the record: minutes, decisions and positions', () => {
  let t: TestApp;
  let f: Factories;
  let worker: TestWorker;
  let bodyId: string;
  let seats: Record<string, { government: TestGovernment; official: TestOfficial }>;
  let outsider: TestOfficial;

  const SINCE = '2025-06-01T00:00:00Z';
  // meetings that already took place: the record is kept for meetings that have started
  const past = (day: number) => ({
    startsAt: `2026-01-${String(day).padStart(2, '0')}T16:00:00Z`,
    endsAt: `2026-01-${String(day).padStart(2, '0')}T18:00:00Z`,
  });

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t);
    f = new Factories(t);
    ({
      body: { id: bodyId },
      seats,
    } = await f.bodyWith({
      ca: { level: 'federal', role: 'member', since: SINCE },
      on: { role: 'member', since: SINCE },
      bc: { role: 'member', timeZone: 'America/Vancouver', since: SINCE },
      mb: { role: 'member', timeZone: 'America/Winnipeg', since: SINCE },
      qc: { role: 'observer', since: SINCE },
    }));
    outsider = await f.official((await f.government()).id);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const minutesOf = (meetingId: string, token: string) => t.http.get(`/api/v1/meetings/${meetingId}/minutes`, token);
  const putMinutes = (meetingId: string, body: Record<string, unknown>, token = t.adminToken) =>
    t.http.request('PUT', `/api/v1/meetings/${meetingId}/minutes`, { token, body });
  const inbox = async (who: TestOfficial) => (await t.http.get('/api/v1/notifications', who.token)).body.items as any[];

  describe('minutes', () => {
    it('are the secretariat’s draft, then circulated (parity gate), commented on, adopted at a later meeting and frozen', async () => {
      const meeting = await f.meeting(bodyId, past(5));
      const later = await f.meeting(bodyId, past(19));
      // nothing yet, then a draft the members cannot see
      expect((await minutesOf(meeting.id, t.adminToken)).status).toBe(404);
      const draft = await putMinutes(meeting.id, { text: 'Members reviewed housing pressures; Canada, Ontario.' });
      expect(draft.status).toBe(200);
      expect(draft.body).toMatchObject({
        status: 'draft',
        revision: 1,
        textEn: 'Members reviewed housing pressures; Canada, Ontario.',
        textFr: null,
        translation: { status: 'pending', sourceLang: 'en' },
      });
      expect((await minutesOf(meeting.id, seats.on.official.token)).status).toBe(404);
      expect((await t.http.get(`/api/v1/meetings/${meeting.id}`, seats.on.official.token)).body.minutes).toBeNull();
      expect((await putMinutes(meeting.id, { text: 'x' }, seats.on.official.token)).status).toBe(403);
      expect((await minutesOf(meeting.id, outsider.token)).status).toBe(404);

      // both languages are needed to distribute them, unless the translation is to follow
      const gated = await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/circulate`, {}, t.adminToken);
      expect(gated.status).toBe(409);
      expect(gated.body.reason).toBe('translation_pending');
      expect((await putMinutes(meeting.id, { textFr: 'Les membres ont examiné les pressions sur le logement.' })).body).toMatchObject({
        revision: 2,
        translation: { status: 'complete' },
      });
      const circulated = await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/circulate`, {}, t.adminToken);
      expect(circulated.status).toBe(200);
      expect(circulated.body).toMatchObject({ status: 'circulated', translationToFollow: false });
      await waitUntil(async () => (await inbox(seats.bc.official)).some((n) => n.title.startsWith('Minutes for review')), 10_000, 'circulation notice');

      // members read and comment; the secretariat revises in response
      expect((await minutesOf(meeting.id, seats.qc.official.token)).body.status).toBe('circulated');
      const fr = await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/comments`, { commentFr: 'Préciser la part du Québec.' }, seats.qc.official.token);
      expect(fr.status).toBe(201);
      const commented = await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/comments`, { comment: 'Add the shelter figures.' }, seats.bc.official.token);
      expect(commented.body.comments.map((c: any) => [c.governmentId, c.comment])).toEqual([
        [seats.qc.government.id, 'Préciser la part du Québec.'],
        [seats.bc.government.id, 'Add the shelter figures.'],
      ]);
      expect((await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/comments`, { comment: 'x' }, outsider.token)).status).toBe(404);
      expect((await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/comments`, {}, seats.bc.official.token)).status).toBe(400);
      const revised = await putMinutes(meeting.id, {
        textEn: 'Members reviewed housing pressures and shelter figures.',
        textFr: 'Les membres ont examiné les pressions sur le logement et les refuges.',
      });
      expect(revised.body).toMatchObject({ status: 'circulated', revision: 3 });

      // adoption at the later meeting is that meeting's decision; then the minutes are frozen
      expect((await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/adopt`, {}, seats.ca.official.token)).status).toBe(403);
      const adopted = await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/adopt`, { atMeetingId: later.id }, t.adminToken);
      expect(adopted.status).toBe(200);
      expect(adopted.body).toMatchObject({ status: 'adopted', adoptedAtMeetingId: later.id, adoptedAt: expect.any(String) });
      const laterDecisions = (await t.http.get(`/api/v1/meetings/${later.id}/decisions`, seats.on.official.token)).body.items;
      expect(laterDecisions).toHaveLength(1);
      expect(laterDecisions[0]).toMatchObject({ id: adopted.body.adoptionDecisionId, number: 1 });
      expect(laterDecisions[0].textEn).toMatch(/minutes of the meeting of .* are adopted/);
      expect(laterDecisions[0].textFr).toMatch(/procès-verbal .* est adopté/);

      const frozen = await putMinutes(meeting.id, { text: 'A silent change.' });
      expect(frozen.status).toBe(409);
      expect(frozen.body.reason).toBe('frozen');
      expect((await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/comments`, { comment: 'late' }, seats.bc.official.token)).body.reason).toBe('frozen');
      expect((await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/adopt`, {}, t.adminToken)).body.reason).toBe('frozen');
      expect((await minutesOf(meeting.id, seats.mb.official.token)).body.textEn).toBe('Members reviewed housing pressures and shelter figures.');
      await waitUntil(async () => (await inbox(seats.mb.official)).some((n) => n.title.startsWith('Minutes adopted')), 10_000, 'adoption notice');

      // every version kept, with a word diff from the one before
      const revisions = await t.http.get(`/api/v1/meetings/${meeting.id}/minutes/revisions`, seats.on.official.token);
      expect(revisions.body.items.map((r: any) => r.number)).toEqual([1, 2, 3]);
      expect(revisions.body.items[2].diff.en).toEqual(
        expect.arrayContaining([
          { type: 'removed', text: expect.stringContaining('pressures;') },
          { type: 'added', text: expect.stringContaining('shelter figures.') },
        ]),
      );
    });

    it('circulate with the translation to follow, recorded; adoption needs a later meeting of the same body and a started meeting', async () => {
      const meeting = await f.meeting(bodyId, past(6));
      await putMinutes(meeting.id, { text: 'English only for now.' });
      const circulated = await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/circulate`, { translationToFollow: true }, t.adminToken);
      expect(circulated.body).toMatchObject({ status: 'circulated', translationToFollow: true, textFr: null });
      expect((await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/adopt`, {}, t.adminToken)).body.reason).toBe('translation_pending');
      await putMinutes(meeting.id, { textFr: 'Anglais seulement pour l’instant.' });
      const earlier = await f.meeting(bodyId, past(2));
      expect((await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/adopt`, { atMeetingId: earlier.id }, t.adminToken)).status).toBe(400);
      const future = await f.meeting(bodyId);
      expect((await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/adopt`, { atMeetingId: future.id }, t.adminToken)).body.reason).toBe(
        'meeting_not_started',
      );
      expect((await putMinutes(future.id, { text: 'Too early.' })).body.reason).toBe('meeting_not_started');
      expect((await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/adopt`, {}, t.adminToken)).body.status).toBe('adopted');
    });
  });

  describe('decisions and positions', () => {
    const position = (meetingId: string, decisionId: string, seat: string, body: Record<string, unknown>, token = seats[seat].official.token) =>
      t.http.request('PUT', `/api/v1/meetings/${meetingId}/decisions/${decisionId}/positions/${seats[seat].government.id}`, { token, body });
    const attend = (meetingId: string, seat: string, status: string) =>
      t.http.request('PUT', `/api/v1/meetings/${meetingId}/attendance/${seats[seat].government.id}`, { token: t.adminToken, body: { status } });

    it('records each party’s position (secretariat or its own official), refuses observers, keeps history and computes consensus', async () => {
      const meeting = await f.meeting(bodyId, past(7));
      for (const seat of ['ca', 'on', 'bc', 'qc']) await attend(meeting.id, seat, 'present');
      await attend(meeting.id, 'mb', 'regrets');
      const decision = (
        await t.http.post(`/api/v1/meetings/${meeting.id}/decisions`, { textEn: 'Open a triage centre.', textFr: 'Ouvrir un centre de triage.' }, t.adminToken)
      ).body;
      expect(decision).toMatchObject({ number: 1, text: 'Open a triage centre.', textFr: 'Ouvrir un centre de triage.', translation: { status: 'complete' } });

      // an observer takes no position, whoever asks
      const observer = await position(meeting.id, decision.id, 'qc', { position: 'agree' });
      expect(observer.status).toBe(409);
      expect(observer.body.reason).toBe('observer_not_party');
      expect((await position(meeting.id, decision.id, 'qc', { position: 'agree' }, t.adminToken)).body.reason).toBe('observer_not_party');
      // another government's official 403, a stranger 404
      expect((await position(meeting.id, decision.id, 'on', { position: 'agree' }, seats.bc.official.token)).status).toBe(403);
      expect((await position(meeting.id, decision.id, 'on', { position: 'agree' }, outsider.token)).status).toBe(404);
      expect((await position(meeting.id, decision.id, 'on', { position: 'maybe' })).status).toBe(400);

      expect((await position(meeting.id, decision.id, 'ca', { position: 'agree' })).body.consensus).toBe(false);
      await position(meeting.id, decision.id, 'on', { position: 'agree_with_reservation', comment: 'Subject to provincial funding.' });
      const dissent = await position(meeting.id, decision.id, 'bc', { position: 'dissent', commentFr: 'Pas de site disponible.' });
      expect(dissent.status).toBe(200);
      expect(dissent.body.consensus).toBe(false);
      // British Columbia moves to abstain: abstention does not break consensus; Manitoba sent regrets and is not counted
      const abstain = await position(meeting.id, decision.id, 'bc', { position: 'abstain' }, t.adminToken);
      expect(abstain.body.consensus).toBe(true);
      const read = (await t.http.get(`/api/v1/meetings/${meeting.id}/decisions/${decision.id}`, seats.qc.official.token)).body;
      expect(read.consensus).toBe(true);
      expect(read.positions.map((p: any) => [p.governmentId, p.position])).toEqual([
        [seats.ca.government.id, 'agree'],
        [seats.on.government.id, 'agree_with_reservation'],
        [seats.bc.government.id, 'abstain'],
      ]);
      expect(read.positions[1]).toMatchObject({
        comment: 'Subject to provincial funding.',
        commentEn: 'Subject to provincial funding.',
        commentFr: null,
        recordedBy: seats.on.official.id,
        recordedAt: expect.any(String),
      });
      const history = (
        await t.http.get(`/api/v1/meetings/${meeting.id}/decisions/${decision.id}/positions/${seats.bc.government.id}/history`, seats.ca.official.token)
      ).body.items;
      expect(history.map((p: any) => [p.position, p.commentFr, p.supersededAt === null])).toEqual([
        ['dissent', 'Pas de site disponible.', false],
        ['abstain', null, true],
      ]);
      expect((await t.http.get(`/api/v1/meetings/${meeting.id}/decisions`, seats.mb.official.token)).body.items[0].consensus).toBe(true);
    });

    it('consensus is false while a present party has not taken a position, and true for one that was absent', async () => {
      const meeting = await f.meeting(bodyId, past(8));
      for (const seat of ['ca', 'on']) await attend(meeting.id, seat, 'present');
      await attend(meeting.id, 'bc', 'absent');
      const decision = (await t.http.post(`/api/v1/meetings/${meeting.id}/decisions`, { text: 'Share arrival data daily.' }, t.adminToken)).body;
      expect(decision.translation).toEqual({ status: 'pending', sourceLang: 'en' });
      expect((await position(meeting.id, decision.id, 'ca', { position: 'agree' })).body.consensus).toBe(false);
      expect((await position(meeting.id, decision.id, 'on', { position: 'agree' })).body.consensus).toBe(true);
      // nobody marked present: no consensus to speak of
      const empty = await f.meeting(bodyId, past(9));
      const d2 = (await t.http.post(`/api/v1/meetings/${empty.id}/decisions`, { text: 'x' }, t.adminToken)).body;
      expect((await t.http.get(`/api/v1/meetings/${empty.id}/decisions/${d2.id}`, t.adminToken)).body).toMatchObject({ positions: [], consensus: false });
    });

    it('freezes positions and decisions with the minutes, and needs a meeting that has started', async () => {
      const meeting = await f.meeting(bodyId, past(12));
      await attend(meeting.id, 'ca', 'present');
      const decision = (await t.http.post(`/api/v1/meetings/${meeting.id}/decisions`, { textEn: 'A', textFr: 'A' }, t.adminToken)).body;
      await putMinutes(meeting.id, { textEn: 'Minutes', textFr: 'Procès-verbal' });
      await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/circulate`, {}, t.adminToken);
      await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/adopt`, {}, t.adminToken);
      expect((await position(meeting.id, decision.id, 'ca', { position: 'agree' })).body.reason).toBe('frozen');
      expect((await t.http.post(`/api/v1/meetings/${meeting.id}/decisions`, { text: 'B' }, t.adminToken)).body.reason).toBe('frozen');

      const future = await f.meeting(bodyId);
      expect((await t.http.post(`/api/v1/meetings/${future.id}/decisions`, { text: 'B' }, t.adminToken)).body.reason).toBe('meeting_not_started');
      expect((await attend(future.id, 'ca', 'present')).body.reason).toBe('meeting_not_started');
    });
  });

  describe('meetings over time', () => {
    it('a meeting becomes held once it has ended (the repeatable sweep); one not yet over stays scheduled', async () => {
      const ended = await f.meeting(bodyId, past(14));
      const upcoming = await f.meeting(bodyId);
      const held = await t.app.get(MeetingJobsService).markHeld();
      expect(held).toContain(ended.id);
      expect(held).not.toContain(upcoming.id);
      expect((await t.http.get(`/api/v1/meetings/${ended.id}`, seats.on.official.token)).body.status).toBe('held');
      expect((await t.http.get(`/api/v1/meetings/${upcoming.id}`, t.adminToken)).body.status).toBe('scheduled');
      expect(await t.app.get(MeetingJobsService).markHeld()).not.toContain(ended.id);
      // a held meeting keeps its record
      expect((await putMinutes(ended.id, { textEn: 'Held.', textFr: 'Tenue.' })).status).toBe(200);
    });

    it('gives each invitee its local time from the server’s zone data, with the zone abbreviation', async () => {
      const meeting = await f.meeting(bodyId, { startsAt: '2027-01-13T18:00:00Z', endsAt: '2027-01-13T19:00:00Z' });
      const bc = (await t.http.get(`/api/v1/meetings/${meeting.id}`, seats.bc.official.token)).body.invitees.find(
        (i: any) => i.governmentId === seats.bc.government.id,
      );
      expect(bc).toMatchObject({
        timeZone: 'America/Vancouver',
        localStartsAt: '2027-01-13T10:00:00-08:00',
        zoneAbbreviation: 'PST',
        zoneAbbreviationFr: 'HNP',
      });
      const mb = meeting.invitees.find((i: any) => i.governmentId === seats.mb.government.id);
      expect(mb).toMatchObject({ localStartsAt: '2027-01-13T12:00:00-06:00', zoneAbbreviation: 'CST' });
    });

    it('keeps the scheduling warnings and answers them on GET, computed again when the invitees change', async () => {
      const { body, seats: s } = await f.bodyWith({ to: { role: 'member' }, van: { role: 'member', timeZone: 'America/Vancouver' } });
      // 17:00–18:00 in Toronto, 14:00–15:00 in Vancouver: inside everyone's working day
      const meeting = await f.meeting(body.id, { startsAt: '2031-03-11T21:00:00Z', endsAt: '2031-03-11T22:00:00Z' });
      expect(meeting.warnings).toEqual([]);
      expect((await t.http.get(`/api/v1/meetings/${meeting.id}`, s.van.official.token)).body.warnings).toEqual([]);
      // moved to 07:00 in Vancouver: the warning is kept and answered on GET
      await t.http.patch(`/api/v1/meetings/${meeting.id}`, { startsAt: '2031-03-11T14:00:00Z', endsAt: '2031-03-11T15:00:00Z' }, t.adminToken);
      const kept = (await t.http.get(`/api/v1/meetings/${meeting.id}`, s.to.official.token)).body.warnings;
      expect(kept.map((w: any) => [w.code, w.governmentId])).toEqual([['outside_working_hours', s.van.government.id]]);
      // St. John's joins the body, where 18:30 is after hours: the invitees changed, so the warnings are computed again
      await t.http.patch(`/api/v1/meetings/${meeting.id}`, { startsAt: '2031-03-11T21:00:00Z', endsAt: '2031-03-11T22:00:00Z' }, t.adminToken);
      const nl = await f.government({ timeZone: 'America/St_Johns' });
      await f.member(body.id, nl.id);
      const recomputed = (await t.http.get(`/api/v1/meetings/${meeting.id}`, t.adminToken)).body.warnings;
      expect(recomputed.map((w: any) => [w.code, w.governmentId])).toEqual([['outside_working_hours', nl.id]]);
    });

    it('a burst of changes to a published agenda sends one revised-agenda notice to the invitees', async () => {
      const meeting = await f.meeting(bodyId);
      const item = (
        await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { title: 'Housing', purpose: 'decision', durationMinutes: 20 }, t.adminToken)
      ).body;
      expect((await t.http.post(`/api/v1/meetings/${meeting.id}/agenda/publish`, { translationToFollow: true }, t.adminToken)).status).toBe(200);
      await t.http.patch(`/api/v1/meetings/${meeting.id}/agenda-items/${item.id}`, { title: 'Interim housing' }, t.adminToken);
      await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { title: 'Costs', purpose: 'discussion', durationMinutes: 15 }, t.adminToken);
      await t.http.patch(`/api/v1/meetings/${meeting.id}/agenda-items/${item.id}`, { durationMinutes: 25 }, t.adminToken);
      const jobsOf = async () =>
        (await t.dataSource.query(`SELECT jobs FROM outbox_event WHERE name = 'agenda.updated' AND payload->>'meetingId' = $1 ORDER BY id`, [meeting.id]))
          .flatMap((r: any) => r.jobs ?? [])
          .filter((j: any) => j.name === 'meetings.revised-agenda');
      const jobs = await jobsOf();
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ queue: 'meeting-jobs', jobId: expect.stringContaining(meeting.id), data: { meetingId: meeting.id } });
      expect(Date.parse(jobs[0].runAt)).toBeGreaterThan(Date.now());

      const service = t.app.get(MeetingJobsService);
      expect(await service.sendRevisedAgenda(meeting.id, jobs[0].data.dueAt)).toBe(true);
      expect(await service.sendRevisedAgenda(meeting.id, jobs[0].data.dueAt)).toBe(false);
      const notices = (
        await t.dataSource.query(`SELECT notify FROM outbox_event WHERE name = 'agenda.updated' AND payload->>'meetingId' = $1 ORDER BY id`, [meeting.id])
      )
        .flatMap((r: any) => r.notify ?? [])
        .filter((n: any) => n.key.includes('agenda-revised'));
      expect(notices).toHaveLength(1);
      expect(notices[0].subject.en).toMatch(/^Revised agenda/);
      expect(notices[0].recipients.governmentIds).toHaveLength(5);
      await waitUntil(async () => (await inbox(seats.bc.official)).some((n) => n.title.startsWith('Revised agenda')), 10_000, 'revised agenda notice');

      // the next change opens the next burst
      await t.http.patch(`/api/v1/meetings/${meeting.id}/agenda-items/${item.id}`, { durationMinutes: 30 }, t.adminToken);
      const next = await jobsOf();
      expect(next).toHaveLength(2);
      expect(next[1].jobId).not.toBe(next[0].jobId);
    });
  });
});
