import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { IndicatorRemindersService } from '@forum/indicators';
import { Factories, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { connectSocket, TestSocket, waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { scaled } from '../support/timeouts';

// each case seats four governments with an official each: slow on a busy machine, never waiting on time itself
jest.setTimeout(scaled(120_000));

describe('shared indicators and surge alerts', () => {
  let t: TestApp;
  let worker: TestWorker;
  let f: Factories;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t);
    f = new Factories(t);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await worker?.close();
    await t?.close();
  });

  const open = async (token: string | null) => {
    const s = await connectSocket(t.baseUrl, token);
    sockets.push(s);
    return s;
  };

  /** a body with a federal co-chair in Ottawa, provinces from Newfoundland to British Columbia, an observer, and an indicator */
  async function forum(thresholds: { warningAt?: number; surgeAt?: number } = { warningAt: 1500, surgeAt: 2500 }) {
    const { body, seats } = await f.bodyWith({
      ca: { role: 'co_chair', level: 'federal', timeZone: 'America/Toronto' },
      nl: { role: 'member', timeZone: 'America/St_Johns' },
      bc: { role: 'member', timeZone: 'America/Vancouver' },
      qc: { role: 'observer', timeZone: 'America/Toronto' },
    });
    const created = await t.http.post(
      '/api/v1/indicators',
      { bodyId: body.id, code: 'rcmp-interceptions', nameEn: 'RCMP interceptions', nameFr: 'Interceptions de la GRC', unit: 'people', ...thresholds },
      t.adminToken,
    );
    expect(created.status).toBe(201);
    return { body, seats, indicator: created.body };
  }

  const put = (indicatorId: string, governmentId: string, period: string, value: unknown, token: string, note?: string) =>
    t.http.request('PUT', `/api/v1/indicators/${indicatorId}/observations/${governmentId}/${period}`, { body: { value, ...(note ? { note } : {}) }, token });

  it('lets each government report its own figure (observers included), the secretariat any member’s, nobody else', async () => {
    const { seats, indicator } = await forum();
    const outsider = await f.official((await f.government()).id);

    expect((await put(indicator.id, seats.bc.government.id, '2017-07', 86, seats.bc.official.token)).status).toBe(200);
    expect((await put(indicator.id, seats.qc.government.id, '2017-07', 2996, seats.qc.official.token)).status).toBe(200);
    expect((await put(indicator.id, seats.nl.government.id, '2017-07', 0, t.adminToken)).status).toBe(200);

    const forAnother = await put(indicator.id, seats.nl.government.id, '2017-07', 5, seats.bc.official.token);
    expect(forAnother.status).toBe(403);
    expect(forAnother.body.reason).toBe('forbidden');
    const stranger = await put(indicator.id, outsider.governmentId, '2017-07', 5, outsider.token);
    expect(stranger.status).toBe(404);
    expect((await t.http.get(`/api/v1/indicators/${indicator.id}`, outsider.token)).status).toBe(404);
    expect((await t.http.get(`/api/v1/indicators`, outsider.token)).body).toEqual({ items: [], total: 0 });
    const nonMember = await put(indicator.id, outsider.governmentId, '2017-07', 5, t.adminToken);
    expect(nonMember.status).toBe(400);
    expect(nonMember.body.message.join(' ')).toMatch(/governmentId/);

    const bad = await put(indicator.id, seats.bc.government.id, '2017-13', 5, seats.bc.official.token);
    expect(bad.status).toBe(400);
    expect(bad.body.message.join(' ')).toMatch(/period/);
    expect((await put(indicator.id, seats.bc.government.id, '2017-08', -1, seats.bc.official.token)).status).toBe(400);
    const future = DateTime.now().plus({ months: 2 }).toFormat('yyyy-MM');
    expect((await put(indicator.id, seats.bc.government.id, future, 5, seats.bc.official.token)).status).toBe(400);

    const byOfficial = await t.http.post('/api/v1/indicators', { bodyId: indicator.bodyId, code: 'x1', name: 'X', unit: 'people' }, seats.bc.official.token);
    expect(byOfficial.status).toBe(403);
  });

  it('keeps every revision, and the series shows the latest with totals, levels and the change', async () => {
    const { seats, indicator } = await forum();
    await put(indicator.id, seats.qc.government.id, '2017-06', 781, seats.qc.official.token);
    await put(indicator.id, seats.bc.government.id, '2017-06', 40, seats.bc.official.token);
    await put(indicator.id, seats.qc.government.id, '2017-07', 2900, seats.qc.official.token);
    await put(indicator.id, seats.qc.government.id, '2017-07', 2996, seats.qc.official.token, 'RCMP revised count');

    const history = await t.http.get(`/api/v1/indicators/${indicator.id}/observations/${seats.qc.government.id}/2017-07/history`, seats.bc.official.token);
    expect(history.status).toBe(200);
    expect(history.body.items.map((r: any) => [r.revision, r.value, r.previousValue, r.note])).toEqual([
      [1, 2900, null, null],
      [2, 2996, 2900, 'RCMP revised count'],
    ]);
    expect(history.body.items[1].revisedBy).toBe(seats.qc.official.id);

    const series = await t.http.get(`/api/v1/indicators/${indicator.id}/series?from=2017-05&to=2017-07`, seats.nl.official.token);
    expect(series.status).toBe(200);
    expect(series.body.items.map((p: any) => [p.period, p.total, p.level, p.change])).toEqual([
      ['2017-05', null, 'normal', null],
      ['2017-06', 821, 'normal', null],
      ['2017-07', 2996, 'surge', 2175],
    ]);
    expect(series.body.items[2].values).toEqual([{ governmentId: seats.qc.government.id, value: 2996 }]);
    expect(series.body.governments.map((g: any) => g.id)).toEqual(expect.arrayContaining(Object.values(seats).map((s) => s.government.id)));

    const csv = await t.http.get(`/api/v1/indicators/${indicator.id}/series.csv?from=2017-06&to=2017-07`, seats.nl.official.token);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows: Record<string, string>[] = parse(csv.text, { columns: true });
    expect(rows.map((r) => [r.period, r[seats.qc.government.code], r[seats.bc.government.code], r.total, r.level])).toEqual([
      ['2017-06', '781', '40', '821', 'normal'],
      ['2017-07', '2996', '', '2996', 'surge'],
    ]);

    const read = await t.http.get(`/api/v1/indicators/${indicator.id}`, seats.bc.official.token);
    expect(read.body).toMatchObject({
      code: 'rcmp-interceptions',
      name: 'RCMP interceptions',
      nameFr: 'Interceptions de la GRC',
      latest: { period: '2017-07', total: 2996, level: 'surge' },
    });
  });

  it('alerts once per period and level, to member sockets only, with emergency slots that fit every member’s working day', async () => {
    const { body, seats, indicator } = await forum();
    const outsider = await f.official((await f.government()).id);
    const member = await open(seats.nl.official.token);
    const stranger = await open(outsider.token);
    const anonymous = await open(null);

    // one report past both thresholds: one event, at surge
    await put(indicator.id, seats.qc.government.id, '2017-07', 2996, seats.qc.official.token);
    const crossed = await member.waitFor('indicator.threshold_crossed');
    expect(crossed).toEqual({ indicatorId: indicator.id, bodyId: body.id, period: '2017-07', level: 'surge' });

    // down below the line and back above it: no second alert for the same period and level
    await put(indicator.id, seats.qc.government.id, '2017-07', 1200, seats.qc.official.token);
    await put(indicator.id, seats.qc.government.id, '2017-07', 3100, seats.qc.official.token);
    // a warning in another month is a new alert
    await put(indicator.id, seats.bc.government.id, '2017-09', 1600, seats.bc.official.token);
    await member.waitFor('indicator.threshold_crossed', (p) => p.period === '2017-09');
    expect(member.received('indicator.threshold_crossed').map((e) => [e.payload.period, e.payload.level])).toEqual([
      ['2017-07', 'surge'],
      ['2017-09', 'warning'],
    ]);
    expect(stranger.received('indicator.threshold_crossed')).toEqual([]);
    expect(anonymous.received('indicator.threshold_crossed')).toEqual([]);

    const alerts = await t.http.get(`/api/v1/indicators/${indicator.id}/alerts`, seats.bc.official.token);
    expect(alerts.body.items.map((a: any) => [a.period, a.level])).toEqual([
      ['2017-09', 'warning'],
      ['2017-07', 'surge'],
    ]);
    expect(alerts.body.items[0].slots).toEqual([]);
    const slots = alerts.body.items[1].slots as { startsAt: string; endsAt: string }[];
    expect(slots.length).toBeGreaterThan(0);
    const horizon = DateTime.now().plus({ days: 9 });
    for (const slot of slots) {
      const start = DateTime.fromISO(slot.startsAt);
      const end = DateTime.fromISO(slot.endsAt);
      expect(end.diff(start, 'minutes').minutes).toBe(60);
      expect(start < horizon).toBe(true);
      for (const zone of ['America/St_Johns', 'America/Vancouver', 'America/Toronto']) {
        const local = start.setZone(zone);
        const localEnd = end.setZone(zone);
        expect(local.weekday).toBeLessThanOrEqual(5);
        expect(local.hour).toBeGreaterThanOrEqual(8);
        expect(localEnd.hour * 60 + localEnd.minute).toBeLessThanOrEqual(18 * 60);
      }
    }

    // the co-chair government's officials and the secretariat are told, once per alert
    const coChairInbox = async () => (await t.http.get('/api/v1/notifications', seats.ca.official.token)).body.items as any[];
    await waitUntil(async () => (await coChairInbox()).filter((n) => n.category === 'indicators').length === 2, 10_000, 'co-chair alerts');
    const secretariatInbox = await waitUntil(
      async () => {
        const items = (await t.http.get('/api/v1/notifications', t.adminToken)).body.items as any[];
        const ours = items.filter((n) => n.link === `/indicators/${indicator.id}`);
        return ours.length === 2 ? ours : null;
      },
      10_000,
      'secretariat alerts',
    );
    expect(secretariatInbox.map((n: any) => n.title).sort()).toEqual(['Surge: RCMP interceptions, 2017-07', 'Warning: RCMP interceptions, 2017-09']);
    const memberInbox = (await t.http.get('/api/v1/notifications', seats.nl.official.token)).body.items as any[];
    expect(memberInbox.filter((n) => n.category === 'indicators')).toEqual([]);
  });

  it('reminds a member government that has not reported last month once, after the reminder day', async () => {
    const { seats, indicator } = await forum();
    await t.dataSource.query(`UPDATE indicator SET created_at = '2018-01-01' WHERE id = $1`, [indicator.id]);
    await put(indicator.id, seats.bc.government.id, '2018-02', 100, seats.bc.official.token);
    const reminders = worker.app.get(IndicatorRemindersService);

    expect((await reminders.remindUnreported(new Date('2018-03-05T15:00:00Z'))).reminded).toBe(0); // before the 10th
    const first = await reminders.remindUnreported(new Date('2018-03-12T15:00:00Z'));
    expect(first.period).toBe('2018-02');
    const second = await reminders.remindUnreported(new Date('2018-03-13T15:00:00Z'));
    expect(second.reminded).toBe(0);

    const inbox = (who: TestOfficial) =>
      t.http.get('/api/v1/notifications', who.token).then((r) => (r.body.items as any[]).filter((n) => n.category === 'indicators'));
    await waitUntil(async () => (await inbox(seats.nl.official)).length === 1, 10_000, 'the reminder');
    expect((await inbox(seats.nl.official))[0].title).toBe('Figure due: RCMP interceptions, 2018-02');
    expect(await inbox(seats.bc.official)).toEqual([]);
    expect(first.reminded).toBe(3); // ca, nl and qc had not reported; bc had
  });
});
