import { Factories, TestGovernment, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Agendas: ordering under concurrent edits, publication, overrun, papers. */
describe('meetings: agendas', () => {
  let t: TestApp;
  let f: Factories;
  let bodyId: string;
  let seats: Record<string, { government: TestGovernment; official: TestOfficial }>;

  const addItem = (meetingId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/meetings/${meetingId}/agenda-items`, { purpose: 'discussion', durationMinutes: 15, ...body }, t.adminToken);
  const order = async (meetingId: string) => {
    const res = await t.http.get(`/api/v1/meetings/${meetingId}/agenda-items`, t.adminToken);
    return res.body.items.map((i: any) => [i.position, i.title]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    ({
      body: { id: bodyId },
      seats,
    } = await f.bodyWith({ ca: { level: 'federal', role: 'member' }, on: { role: 'member' }, qc: { role: 'observer' } }));
  });
  afterAll(() => t?.close());

  it('keeps positions 1..n through inserts, moves and deletions', async () => {
    const meeting = await f.meeting(bodyId);
    const a = (await addItem(meeting.id, { title: 'A' })).body;
    expect(a).toMatchObject({ position: 1, title: 'A', purpose: 'discussion', durationMinutes: 15, presenterGovernmentId: null });
    await addItem(meeting.id, { title: 'B' });
    const c = (await addItem(meeting.id, { title: 'C', position: 1, presenterGovernmentId: seats.on.government.id })).body;
    expect(c.position).toBe(1);
    expect(await order(meeting.id)).toEqual([
      [1, 'C'],
      [2, 'A'],
      [3, 'B'],
    ]);
    expect((await t.http.patch(`/api/v1/meetings/${meeting.id}/agenda-items/${c.id}`, { position: 99 }, t.adminToken)).body.position).toBe(3);
    expect(await order(meeting.id)).toEqual([
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
    ]);
    const removed = await t.http.delete(`/api/v1/meetings/${meeting.id}/agenda-items/${a.id}`, t.adminToken);
    expect(removed.status).toBe(200);
    expect(removed.body.items.map((i: any) => [i.position, i.title])).toEqual([
      [1, 'B'],
      [2, 'C'],
    ]);
    expect((await t.http.delete(`/api/v1/meetings/${meeting.id}/agenda-items/${a.id}`, t.adminToken)).status).toBe(404);
    const presenter = await addItem(meeting.id, { title: 'D', presenterGovernmentId: '00000000-0000-4000-8000-000000000000' });
    expect(presenter.status).toBe(400);
    expect(String(presenter.body.message)).toContain('presenterGovernmentId');
    const events = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE name = 'agenda.updated' AND payload->>'meetingId' = $1`, [
      meeting.id,
    ]);
    expect(events[0].n).toBe(5);
  });

  it('survives concurrent reorders: no gap, no duplicate, every item once', async () => {
    const meeting = await f.meeting(bodyId);
    const ids: string[] = [];
    for (const title of ['1', '2', '3', '4', '5', '6']) ids.push((await addItem(meeting.id, { title })).body.id);
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([
        t.http.patch(`/api/v1/meetings/${meeting.id}/agenda-items/${ids[round]}`, { position: 1 }, t.adminToken),
        t.http.patch(`/api/v1/meetings/${meeting.id}/agenda-items/${ids[5 - round]}`, { position: 6 }, t.adminToken),
        addItem(meeting.id, { title: `new ${round}`, position: 2 }),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200, 201]);
    }
    const rows = await t.dataSource.query(`SELECT position FROM agenda_item WHERE meeting_id = $1 ORDER BY position`, [meeting.id]);
    expect(rows.map((r: any) => r.position)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it('shows the draft agenda to the secretariat only, and tells the invitees when it is published', async () => {
    const meeting = await f.meeting(bodyId, { startsAt: '2031-03-11T16:00:00Z', endsAt: '2031-03-11T17:00:00Z' });
    expect((await t.http.post(`/api/v1/meetings/${meeting.id}/agenda/publish`, {}, t.adminToken)).status).toBe(409);
    await addItem(meeting.id, { title: 'Interim housing', durationMinutes: 40, purpose: 'decision' });
    const over = await addItem(meeting.id, { title: 'Costs', durationMinutes: 30 });
    expect(over.body.warnings).toEqual([expect.objectContaining({ code: 'agenda_overrun' })]);
    const draft = await t.http.get(`/api/v1/meetings/${meeting.id}/agenda-items`, seats.qc.official.token);
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ items: [], total: 0, publishedAt: null });

    const published = await t.http.post(`/api/v1/meetings/${meeting.id}/agenda/publish`, { translationToFollow: true }, t.adminToken);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ total: 2, totalMinutes: 70, meetingMinutes: 60, revision: 1 });
    expect(published.body.warnings[0].code).toBe('agenda_overrun');
    const seen = await t.http.get(`/api/v1/meetings/${meeting.id}/agenda-items`, seats.qc.official.token);
    expect(seen.body.items.map((i: any) => i.title)).toEqual(['Interim housing', 'Costs']);
    const [event] = await t.dataSource.query(
      `SELECT notify FROM outbox_event WHERE name = 'agenda.updated' AND payload->>'meetingId' = $1 AND notify IS NOT NULL`,
      [meeting.id],
    );
    expect(event.notify[0]).toMatchObject({ key: `meeting:${meeting.id}:agenda:1`, link: `/meetings/${meeting.id}` });
    expect(event.notify[0].recipients.governmentIds).toHaveLength(3);
    expect(event.notify[0].subject.fr).toContain('Ordre du jour');
  });

  it('keeps papers as links or small uploaded files, refusing files over the limit', async () => {
    const meeting = await f.meeting(bodyId);
    const item = (await addItem(meeting.id, { title: 'Data sharing' })).body;
    const papers = `/api/v1/meetings/${meeting.id}/agenda-items/${item.id}/papers`;
    expect((await t.http.post(papers, { title: 'Study', url: 'https://irpp.org/study.pdf' }, t.adminToken)).status).toBe(201);
    const file = await t.http.post(
      papers,
      { title: 'Figures', fileName: 'figures.csv', contentType: 'text/csv', contentBase64: Buffer.from('province,2017\nQC,18836\n').toString('base64') },
      t.adminToken,
    );
    expect(file.status).toBe(201);
    expect(file.body).toMatchObject({ fileName: 'figures.csv', sizeBytes: 23 });
    const tooBig = await t.http.post(
      papers,
      { title: 'Huge', fileName: 'huge.bin', contentType: 'application/octet-stream', contentBase64: Buffer.alloc(600 * 1024).toString('base64') },
      t.adminToken,
    );
    expect(tooBig.status).toBe(400);
    expect(String(tooBig.body.message)).toContain('contentBase64');
    // before publication the official sees neither the agenda nor its papers
    expect((await t.http.get(file.body.downloadUrl, seats.on.official.token)).status).toBe(404);
    await t.http.post(`/api/v1/meetings/${meeting.id}/agenda/publish`, { translationToFollow: true }, t.adminToken);
    const download = await t.http.get(file.body.downloadUrl, seats.on.official.token);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('text/csv');
    expect(download.text).toContain('QC,18836');
    const agenda = await t.http.get(`/api/v1/meetings/${meeting.id}/agenda-items`, seats.on.official.token);
    expect(agenda.body.items[0].papers.map((p: any) => p.title)).toEqual(['Study', 'Figures']);
  });

  it('removes a paper from its item: audited, agenda.updated, a revised-agenda notice once published, 404 off the item', async () => {
    const meeting = await f.meeting(bodyId);
    const item = (await addItem(meeting.id, { title: 'Shelter capacity' })).body;
    const other = (await addItem(meeting.id, { title: 'Costs' })).body;
    const papers = `/api/v1/meetings/${meeting.id}/agenda-items/${item.id}/papers`;
    const kept = (await t.http.post(papers, { title: 'Study', url: 'https://irpp.org/study.pdf' }, t.adminToken)).body;
    const file = (
      await t.http.post(
        papers,
        { title: 'Figures', fileName: 'figures.csv', contentType: 'text/csv', contentBase64: Buffer.from('QC,18836\n').toString('base64') },
        t.adminToken,
      )
    ).body;
    await t.http.post(`/api/v1/meetings/${meeting.id}/agenda/publish`, { translationToFollow: true }, t.adminToken);

    // an official of a member government may read the agenda, not change it; a paper is addressed through its own item only
    expect((await t.http.delete(`${papers}/${file.id}`, seats.on.official.token)).status).toBe(403);
    expect((await t.http.delete(`/api/v1/meetings/${meeting.id}/agenda-items/${other.id}/papers/${file.id}`, t.adminToken)).status).toBe(404);

    const removed = await t.http.delete(`${papers}/${file.id}`, t.adminToken);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ id: item.id, papers: [expect.objectContaining({ id: kept.id })] });
    expect(removed.body.papers).toHaveLength(1);
    expect((await t.http.delete(`${papers}/${file.id}`, t.adminToken)).status).toBe(404);
    expect((await t.http.get(file.downloadUrl, t.adminToken)).status).toBe(404);
    const agenda = await t.http.get(`/api/v1/meetings/${meeting.id}/agenda-items`, seats.on.official.token);
    expect(agenda.body.items[0].papers.map((p: any) => p.title)).toEqual(['Study']);

    const [audit] = await t.dataSource.query(`SELECT changes FROM audit_record WHERE action = 'agenda-paper.removed' AND entity_id = $1`, [meeting.id]);
    expect(audit.changes).toMatchObject({ itemId: item.id, paperId: file.id });
    const events = await t.dataSource.query(
      `SELECT context, jobs FROM outbox_event WHERE name = 'agenda.updated' AND payload->>'meetingId' = $1 AND context->>'action' = 'agenda-paper.removed'`,
      [meeting.id],
    );
    expect(events).toHaveLength(1);
    // the first change after publication schedules the revised-agenda notice, as adding a paper would
    expect(events[0].jobs).toEqual([expect.objectContaining({ name: 'meetings.revised-agenda', data: expect.objectContaining({ meetingId: meeting.id }) })]);
  });

  it('freezes the agenda of a cancelled meeting', async () => {
    const meeting = await f.meeting(bodyId);
    await t.http.patch(`/api/v1/meetings/${meeting.id}`, { status: 'cancelled' }, t.adminToken);
    expect((await addItem(meeting.id, { title: 'Too late' })).status).toBe(409);
  });
});
