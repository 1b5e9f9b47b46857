import type { DomainEventName } from '@forum/contracts';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { connectSocket, sleep, TestSocket } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';

/** Writes an outbox row as EventRecorder does for a service (row, then NOTIFY), so every event type can be checked. */
async function recordEvent(t: TestApp, name: DomainEventName, payload: Record<string, unknown>, audience: Record<string, unknown>) {
  await t.dataSource.query(`INSERT INTO outbox_event (name, payload, audience) VALUES ($1, $2, $3); `, [
    name,
    JSON.stringify(payload),
    JSON.stringify(audience),
  ]);
  await t.dataSource.query(`SELECT pg_notify('forum_outbox', '')`);
}

describe('realtime over socket.io', () => {
  let t: TestApp;
  let worker: TestWorker;
  let f: Factories;
  const sockets: TestSocket[] = [];
  const open = async (token?: string | null) => {
    const s = await connectSocket(t.baseUrl, token);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t);
    f = new Factories(t);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await worker?.close();
    await t?.close();
  });

  it('refuses a bad token at the handshake with connect_error', async () => {
    await expect(connectSocket(t.baseUrl, 'not-a-token')).rejects.toThrow(/invalid|expired/i);
  });

  it('delivers every body event to members and the secretariat, never to a non-member or the public', async () => {
    const { body, seats } = await f.bodyWith({ member: { role: 'member' }, observer: { role: 'observer' } });
    const outsider = await f.official((await f.government()).id);
    const member = await open(seats.member.official.token);
    const observer = await open(seats.observer.official.token);
    const secretariat = await open(t.adminToken);
    const stranger = await open(outsider.token);
    const anonymous = await open(null);

    const bodyEvents: [DomainEventName, Record<string, unknown>][] = [
      ['meeting.created', { id: 'm1', bodyId: body.id }],
      ['meeting.updated', { id: 'm1', bodyId: body.id }],
      ['meeting.cancelled', { id: 'm1', bodyId: body.id }],
      ['agenda.updated', { meetingId: 'm1', bodyId: body.id }],
      ['action-item.created', { id: 'a1', bodyId: body.id, version: 1 }],
      ['action-item.updated', { id: 'a1', bodyId: body.id, version: 2 }],
      ['communique.updated', { id: 'c1', bodyId: body.id, status: 'draft' }],
    ];
    for (const [name, payload] of bodyEvents) await recordEvent(t, name, payload, { kind: 'body', bodyId: body.id });
    await recordEvent(t, 'communique.published', { id: 'c1' }, { kind: 'public' });

    for (const [name, payload] of bodyEvents) {
      expect(await member.waitFor(name)).toEqual(payload);
      expect(await observer.waitFor(name)).toEqual(payload);
      expect(await secretariat.waitFor(name)).toEqual(payload);
    }
    for (const s of [member, stranger, anonymous]) expect(await s.waitFor('communique.published')).toEqual({ id: 'c1' });
    await sleep(200);
    expect(stranger.events.map((e) => e.name)).toEqual(['communique.published']);
    expect(anonymous.events.map((e) => e.name)).toEqual(['communique.published']);
  });

  it('serves browsers that start with HTTP long-polling at the default path, the public included', async () => {
    const anonymous = await connectSocket(t.baseUrl, null, { transports: ['polling'] });
    sockets.push(anonymous);
    await recordEvent(t, 'communique.published', { id: 'c-polling' }, { kind: 'public' });
    expect(await anonymous.waitFor('communique.published', (p) => p.id === 'c-polling')).toEqual({ id: 'c-polling' });
  });

  it('follows membership live: a government added starts receiving, one removed stops at once', async () => {
    const { body, seats } = await f.bodyWith({ member: { role: 'member' } });
    const newcomerGov = await f.government();
    const newcomer = await f.official(newcomerGov.id);
    const ns = await open(newcomer.token);
    const ms = await open(seats.member.official.token);

    await f.member(body.id, newcomerGov.id);
    expect(await ns.waitFor('membership.changed')).toEqual({ bodyId: body.id, governmentId: newcomerGov.id });
    await recordEvent(t, 'meeting.created', { id: 'm2', bodyId: body.id }, { kind: 'body', bodyId: body.id });
    await ns.waitFor('meeting.created');

    const removed = await t.http.delete(`/api/v1/bodies/${body.id}/members/${seats.member.government.id}`, t.adminToken);
    expect(removed.status).toBe(200);
    await ms.waitFor('membership.changed', (p) => p.governmentId === seats.member.government.id);
    await recordEvent(t, 'meeting.updated', { id: 'm2', bodyId: body.id }, { kind: 'body', bodyId: body.id });
    await ns.waitFor('meeting.updated');
    await sleep(200);
    expect(ms.received('meeting.updated')).toEqual([]);
  });
});
