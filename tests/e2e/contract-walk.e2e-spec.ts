import { io, Socket } from 'socket.io-client';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker, TestWorker } from '../support/test-worker';

/**
 * The public contract (../shared/API-CONTRACT.md) walked through once, in order, as an outside client would
 * on a fresh install: only the routes, fields, statuses and event names the contract names.
 */
describe('the public contract, end to end', () => {
  let t: TestApp;
  let worker: TestWorker;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await worker?.close();
    await t?.close();
  });

  const connect = (token?: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(t.baseUrl, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  /** The next `event` whose payload matches: events of earlier writes may still be arriving. */
  const next = (socket: Socket, event: string, match: Record<string, unknown> = {}, timeoutMs = 10_000) =>
    new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.off(event, listener);
        reject(new Error(`no ${event} matching ${JSON.stringify(match)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (payload: Record<string, unknown>) => {
        if (!Object.entries(match).every(([k, v]) => payload?.[k] === v)) return;
        clearTimeout(timer);
        socket.off(event, listener);
        resolve(payload);
      };
      socket.on(event, listener);
    });

  it('runs a forum from an empty install to a published communiqué', async () => {
    const { http } = t;
    const admin = t.adminToken;
    expect((await http.get('/api/v1/health')).body.status).toBe('ok');

    // governments and users
    const gov = async (code: string, level: string, timeZone = 'America/Toronto') => {
      const res = await http.post('/api/v1/governments', { code, nameEn: `Gov ${code}`, nameFr: `Gouv ${code}`, level, timeZone }, admin);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), code, level, timeZone });
      return res.body.id as string;
    };
    const ca = await gov('CA', 'federal');
    const on = await gov('ON', 'provincial');
    const qc = await gov('QC', 'provincial');
    const tor = await gov('TOR', 'municipal');
    const outsider = await gov('NL', 'provincial', 'America/St_Johns');
    const official = async (email: string, governmentId: string) => {
      const created = await http.post('/api/v1/users', { email, displayName: email, password: 'a long password 1', role: 'official', governmentId }, admin);
      expect(created.status).toBe(201);
      const login = await http.post('/api/v1/auth/login', { email, password: 'a long password 1' });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ id: expect.any(String), email, displayName: email, role: 'official', governmentId });
      return login.body.accessToken as string;
    };
    const caToken = await official('ca@contract.test', ca);
    const onToken = await official('on@contract.test', on);
    const qcToken = await official('qc@contract.test', qc);
    const torToken = await official('tor@contract.test', tor);
    const nlToken = await official('nl@contract.test', outsider);

    // the directory and membership
    const body = await http.post('/api/v1/bodies', { name: 'Asylum WG', kind: 'working_group', permanent: true, mandate: 'Asylum' }, admin);
    expect(body.status).toBe(201);
    const bodyId = body.body.id as string;
    for (const [governmentId, role] of [
      [ca, 'co_chair'],
      [on, 'member'],
      [qc, 'observer'],
    ]) {
      const res = await http.post(`/api/v1/bodies/${bodyId}/members`, { governmentId, role }, admin);
      expect(res.status).toBe(201);
    }
    expect((await http.get(`/api/v1/bodies/${bodyId}`, nlToken)).status).toBe(200);

    // sockets: a member, a stranger, the public
    const onSocket = await connect(onToken);
    const nlSocket = await connect(nlToken);
    const publicSocket = await connect();
    await expect(connect('not-a-token')).rejects.toBeTruthy();
    const strangerGot: string[] = [];
    nlSocket.onAny((event) => strangerGot.push(event));

    // join request by a city, decided by the co-chair's official
    const asked = await http.post(`/api/v1/bodies/${bodyId}/join-requests`, { message: 'Toronto would like to join' }, torToken);
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('pending');
    const membershipEvent = next(onSocket, 'membership.changed', { governmentId: tor });
    const decided = await http.post(`/api/v1/bodies/${bodyId}/join-requests/${asked.body.id}/decision`, { approve: true }, caToken);
    expect([200, 201]).toContain(decided.status);
    expect(await membershipEvent).toMatchObject({ bodyId, governmentId: tor });

    // a meeting and its agenda
    const meetingCreated = next(onSocket, 'meeting.created');
    const meeting = await http.post(
      '/api/v1/meetings',
      { bodyId, title: 'Kick-off', startsAt: '2031-03-11T16:00:00Z', endsAt: '2031-03-11T17:00:00Z', videoUrl: 'https://video.example/kick' },
      admin,
    );
    expect(meeting.status).toBe(201);
    expect(meeting.body).toMatchObject({ id: expect.any(String), bodyId, title: 'Kick-off' });
    expect(await meetingCreated).toMatchObject({ id: meeting.body.id, bodyId });
    expect((await http.get(`/api/v1/meetings/${meeting.body.id}`, qcToken)).status).toBe(200);
    expect((await http.get(`/api/v1/meetings/${meeting.body.id}`, nlToken)).status).toBe(404);
    const agendaEvent = next(onSocket, 'agenda.updated');
    const item = await http.post(
      `/api/v1/meetings/${meeting.body.id}/agenda-items`,
      { title: 'Housing', purpose: 'decision', durationMinutes: 30, presenterGovernmentId: on },
      admin,
    );
    expect(item.status).toBe(201);
    expect(await agendaEvent).toMatchObject({ meetingId: meeting.body.id });
    const ics = await http.get(`/api/v1/meetings/${meeting.body.id}/calendar.ics`, onToken);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.text).toContain('BEGIN:VCALENDAR');

    // an action item, updated by the lead official with the version it read
    const created = next(onSocket, 'action-item.created');
    const action = await http.post(
      '/api/v1/action-items',
      { bodyId, meetingId: meeting.body.id, title: 'Count shelter beds', leadGovernmentId: on, supportingGovernmentIds: [tor], dueOn: '2031-04-30' },
      admin,
    );
    expect(action.status).toBe(201);
    expect(action.body).toMatchObject({ status: 'not_started', progress: 0, version: 1, leadGovernmentId: on });
    expect(await created).toMatchObject({ id: action.body.id, bodyId, version: 1 });
    const updated = next(onSocket, 'action-item.updated', { version: 2 });
    const moved = await http.patch(`/api/v1/action-items/${action.body.id}`, { version: 1, status: 'in_progress', progress: 30 }, onToken);
    expect(moved.status).toBe(200);
    expect(await updated).toMatchObject({ id: action.body.id, version: 2 });
    expect((await http.patch(`/api/v1/action-items/${action.body.id}`, { version: 1, progress: 50 }, onToken)).status).toBe(409);
    expect((await http.patch(`/api/v1/action-items/${action.body.id}`, { version: 2, progress: 50 }, torToken)).status).toBe(403);
    const done = await http.patch(`/api/v1/action-items/${action.body.id}`, { version: 2, status: 'done' }, onToken);
    expect(done.body).toMatchObject({ status: 'done', progress: 100, version: 3 });
    const report = await http.post(`/api/v1/action-items/${action.body.id}/updates`, { note: 'Beds counted' }, onToken);
    expect(report.status).toBe(201);
    const history = await http.get(`/api/v1/action-items/${action.body.id}/updates`, qcToken);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain('Beds counted');

    // a joint communiqué through concurrence to publication
    const communique = await http.post(
      '/api/v1/communiques',
      {
        bodyId,
        meetingId: meeting.body.id,
        titleEn: 'Joint statement',
        titleFr: 'Déclaration commune',
        bodyEn: 'We **agree**.',
        bodyFr: 'Nous sommes **d’accord**.',
      },
      admin,
    );
    expect(communique.status).toBe(201);
    expect(communique.body).toMatchObject({ status: 'draft', revision: 1 });
    const cid = communique.body.id as string;
    expect((await http.get(`/api/v1/public/communiques/${cid}`)).status).toBe(404);
    const inConcurrence = next(onSocket, 'communique.updated', { status: 'in_concurrence' });
    expect((await http.post(`/api/v1/communiques/${cid}/submit`, {}, admin)).body.status).toBe('in_concurrence');
    expect(await inConcurrence).toMatchObject({ id: cid, bodyId, status: 'in_concurrence' });
    expect((await http.post(`/api/v1/communiques/${cid}/publish`, {}, admin)).status).toBe(409);
    expect((await http.post(`/api/v1/communiques/${cid}/concurrences`, { revision: 1 }, qcToken)).status).toBe(403);
    expect((await http.post(`/api/v1/communiques/${cid}/concurrences`, { revision: 1 }, caToken)).status).toBe(201);
    expect((await http.post(`/api/v1/communiques/${cid}/concurrences`, { revision: 1 }, onToken)).status).toBe(201);
    expect((await http.post(`/api/v1/communiques/${cid}/concurrences`, { revision: 1 }, torToken)).status).toBe(201);
    expect((await http.get(`/api/v1/communiques/${cid}`, admin)).body.status).toBe('approved');
    const published = next(publicSocket, 'communique.published');
    const publish = await http.post(`/api/v1/communiques/${cid}/publish`, {}, admin);
    expect(publish.status).toBe(200);
    expect(publish.body.status).toBe('published');
    expect(await published).toMatchObject({ id: cid });

    // the public portal
    const list = await http.get('/api/v1/public/communiques?lang=fr');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(cid);
    expect((await http.get(`/api/v1/public/communiques/${cid}?lang=en`)).status).toBe(200);
    const atom = await http.get('/api/v1/public/communiques.atom');
    expect(atom.headers.get('content-type')).toMatch(/atom\+xml/);
    for (const lang of ['en', 'fr']) {
      const page = await http.get(`/${lang}/communiques/${cid}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<html lang="${lang}">`);
    }

    // notifications reached the lead government's official through the queue
    const deadline = Date.now() + 15_000;
    let inbox = await http.get('/api/v1/notifications', onToken);
    while (inbox.body.items.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      inbox = await http.get('/api/v1/notifications', onToken);
    }
    expect(inbox.body.items.length).toBeGreaterThan(0);
    const read = await http.post(`/api/v1/notifications/${inbox.body.items[0].id}/read`, {}, onToken);
    expect(read.status).toBeLessThan(300);

    // nothing about the body ever reached the stranger
    expect(strangerGot.filter((e) => e !== 'communique.published' && e !== 'notification')).toEqual([]);
  }, 120_000);
});
