import { io, Socket } from 'socket.io-client';
import type { DomainEventName } from '@forum/contracts';
import { Factories } from '../../support/factories';
import { startTestApp, TestApp } from '../../support/test-app';
import { connectSocket, waitUntil } from '../../support/test-sockets';
import { startTestWorker, TestWorker } from '../../support/test-worker';

/** Writes an outbox row as EventRecorder does (row, then NOTIFY): the worker relays it to the sockets. */
async function recordEvent(t: TestApp, name: DomainEventName, payload: Record<string, unknown>, audience: Record<string, unknown>) {
  await t.dataSource.query(`INSERT INTO outbox_event (name, payload, audience) VALUES ($1, $2, $3)`, [name, JSON.stringify(payload), JSON.stringify(audience)]);
  await t.dataSource.query(`SELECT pg_notify('forum_outbox', '')`);
}

/** A client that recovers its connection state, whose reconnection the test drives by hand. */
async function recoveringSocket(baseUrl: string, token: string) {
  const socket: Socket = io(baseUrl, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  const events: { name: string; payload: any }[] = [];
  socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, events };
}

/** Drops the transport as a network failure would ("transport close": the server keeps the session for recovery). */
async function drop(socket: Socket): Promise<void> {
  const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
  socket.io.engine.close();
  await gone;
}

async function reconnect(socket: Socket): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
    socket.connect();
  });
}

describe('security: sockets follow sessions and memberships (#13 findings 1 and 2)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let f: Factories;
  const sockets: { close(): void }[] = [];

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

  it("stops a deactivated user's socket within a second", async () => {
    const { body, seats } = await f.bodyWith({ member: { role: 'member' } });
    const socket = await connectSocket(t.baseUrl, seats.member.official.token);
    sockets.push(socket);
    await recordEvent(t, 'action-item.updated', { id: 'before', bodyId: body.id, version: 1 }, { kind: 'body', bodyId: body.id });
    await socket.waitFor('action-item.updated', (p) => p.id === 'before');

    const disconnected = new Promise<number>((resolve) => socket.socket.once('disconnect', () => resolve(Date.now())));
    const start = Date.now();
    expect((await t.http.patch(`/api/v1/users/${seats.member.official.id}`, { active: false }, t.adminToken)).status).toBe(200);
    const at = await Promise.race([disconnected, new Promise<number>((r) => setTimeout(() => r(-1), 1000))]);
    expect(at).toBeGreaterThan(0);
    expect(at - start).toBeLessThan(1000);

    await recordEvent(t, 'action-item.updated', { id: 'after', bodyId: body.id, version: 2 }, { kind: 'body', bodyId: body.id });
    const secretariat = await connectSocket(t.baseUrl, t.adminToken);
    sockets.push(secretariat);
    await recordEvent(t, 'action-item.updated', { id: 'marker', bodyId: body.id, version: 3 }, { kind: 'body', bodyId: body.id });
    await secretariat.waitFor('action-item.updated', (p) => p.id === 'marker');
    expect(socket.received('action-item.updated', (p) => p.id === 'after')).toEqual([]);
    // and it cannot come back: the token's session has ended
    await expect(connectSocket(t.baseUrl, seats.member.official.token)).rejects.toThrow();
  });

  it('closes the sockets of a session at logout, on every instance, and refuses its token at the handshake', async () => {
    const gov = await f.government();
    const official = await f.official(gov.id);
    const second = await startTestApp({ database: t.database, redisPrefix: t.config.redisPrefix });
    try {
      const here = await connectSocket(t.baseUrl, official.token);
      const there = await connectSocket(second.baseUrl, official.token);
      sockets.push(here, there);
      const closed = Promise.all([here, there].map((s) => new Promise<void>((resolve) => s.socket.once('disconnect', () => resolve()))));
      expect((await t.http.request('POST', '/api/v1/auth/logout', { token: official.token })).status).toBe(204);
      await closed;
      await expect(connectSocket(second.baseUrl, official.token)).rejects.toThrow();
    } finally {
      await second.close();
    }
  });

  it('delivers nothing of a body on a recovery across the end of the membership (and what was missed otherwise)', async () => {
    const { body, seats } = await f.bodyWith({ leaving: { role: 'member' }, staying: { role: 'member' } });
    const leaving = await recoveringSocket(t.baseUrl, seats.leaving.official.token);
    const staying = await recoveringSocket(t.baseUrl, seats.staying.official.token);
    sockets.push({ close: () => leaving.socket.close() }, { close: () => staying.socket.close() });
    // one packet received, so the client has an offset to recover from
    await recordEvent(t, 'action-item.updated', { id: 'seen', bodyId: body.id, version: 1 }, { kind: 'body', bodyId: body.id });
    await waitUntil(() => leaving.events.some((e) => e.payload?.id === 'seen') && staying.events.some((e) => e.payload?.id === 'seen'));

    await drop(leaving.socket);
    await drop(staying.socket);
    expect((await t.http.delete(`/api/v1/bodies/${body.id}/members/${seats.leaving.government.id}`, t.adminToken)).status).toBe(200);
    await recordEvent(t, 'action-item.updated', { id: 'missed', bodyId: body.id, version: 2 }, { kind: 'body', bodyId: body.id });
    // the secretariat's socket tells when the missed event has gone out to the body's room
    const secretariat = await connectSocket(t.baseUrl, t.adminToken);
    sockets.push(secretariat);
    await recordEvent(t, 'action-item.updated', { id: 'marker', bodyId: body.id, version: 3 }, { kind: 'body', bodyId: body.id });
    await secretariat.waitFor('action-item.updated', (p) => p.id === 'marker');

    await reconnect(staying.socket);
    await reconnect(leaving.socket);
    // the control: a recovery with nothing changed gets what it missed
    expect(staying.socket.recovered).toBe(true);
    await waitUntil(() => staying.events.some((e) => e.payload?.id === 'missed'));
    // across the end of the seat: recovery refused (the client refetches), nothing of the body sent
    expect(leaving.socket.recovered).toBe(false);
    await recordEvent(t, 'action-item.updated', { id: 'marker-2', bodyId: body.id, version: 4 }, { kind: 'body', bodyId: body.id });
    await waitUntil(() => staying.events.some((e) => e.payload?.id === 'marker-2'));
    expect(leaving.events.filter((e) => e.name === 'action-item.updated' && e.payload?.bodyId === body.id).map((e) => e.payload.id)).toEqual(['seen']);
  });

  it('refuses a recovery once the session has ended', async () => {
    const { body, seats } = await f.bodyWith({ member: { role: 'member' } });
    const login = await t.http.post('/api/v1/auth/login', { email: seats.member.official.email, password: 'official password 123' });
    const client = await recoveringSocket(t.baseUrl, login.body.accessToken);
    sockets.push({ close: () => client.socket.close() });
    await recordEvent(t, 'action-item.updated', { id: 'seen-2', bodyId: body.id, version: 1 }, { kind: 'body', bodyId: body.id });
    await waitUntil(() => client.events.some((e) => e.payload?.id === 'seen-2'));
    await drop(client.socket);
    expect((await t.http.request('POST', '/api/v1/auth/logout', { token: login.body.accessToken })).status).toBe(204);
    await recordEvent(t, 'action-item.updated', { id: 'missed-2', bodyId: body.id, version: 2 }, { kind: 'body', bodyId: body.id });
    const secretariat = await connectSocket(t.baseUrl, t.adminToken);
    sockets.push(secretariat);
    await secretariat.waitFor('action-item.updated', (p) => p.id === 'missed-2').catch(() => undefined);
    await expect(reconnect(client.socket)).rejects.toThrow();
    expect(client.events.some((e) => e.payload?.id === 'missed-2')).toBe(false);
  });

  it('caps the sockets one user holds', async () => {
    const gov = await f.government();
    const official = await f.official(gov.id);
    const capped = await startTestApp({ database: t.database, redisPrefix: t.config.redisPrefix, env: { FORUM_SOCKETS_PER_USER: '2' } });
    try {
      const login = await capped.http.post('/api/v1/auth/login', { email: official.email, password: 'official password 123' });
      const a = await connectSocket(capped.baseUrl, login.body.accessToken);
      const b = await connectSocket(capped.baseUrl, login.body.accessToken);
      sockets.push(a, b);
      await expect(connectSocket(capped.baseUrl, login.body.accessToken)).rejects.toThrow(/At most 2/);
      a.close();
      await waitUntil(async () => {
        try {
          sockets.push(await connectSocket(capped.baseUrl, login.body.accessToken));
          return true;
        } catch {
          return false;
        }
      });
    } finally {
      await capped.close();
    }
  });
});
