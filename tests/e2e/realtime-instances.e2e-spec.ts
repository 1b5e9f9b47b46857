import { io } from 'socket.io-client';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { connectSocket, TestSocket, waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';

describe('realtime across API instances', () => {
  let a: TestApp;
  let b: TestApp;
  let worker: TestWorker;
  let f: Factories;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ database: a.database, redisPrefix: a.config.redisPrefix });
    worker = await startTestWorker(a);
    f = new Factories(a);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await worker?.close();
    await b?.close();
    await a?.close();
  });

  it('a change made through one instance reaches a socket connected to the other', async () => {
    const { body, seats } = await f.bodyWith({ member: { role: 'member' } });
    const onB = await connectSocket(b.baseUrl, seats.member.official.token);
    const secretariatOnA = await connectSocket(a.baseUrl, a.adminToken);
    sockets.push(onB, secretariatOnA);
    const joiner = await f.government();
    await f.member(body.id, joiner.id);
    expect(await onB.waitFor('membership.changed', (p) => p.governmentId === joiner.id)).toEqual({ bodyId: body.id, governmentId: joiner.id });
    await secretariatOnA.waitFor('membership.changed', (p) => p.governmentId === joiner.id);
  });

  it('a removal made through one instance takes the government out of the room on the other', async () => {
    const { body, seats } = await f.bodyWith({ leaving: { role: 'member' }, staying: { role: 'member' } });
    const leavingOnB = await connectSocket(b.baseUrl, seats.leaving.official.token);
    const stayingOnA = await connectSocket(a.baseUrl, seats.staying.official.token);
    // a socket on the same instance as the leaver: once it has the next event, so would the leaver have
    const stayingOnB = await connectSocket(b.baseUrl, seats.staying.official.token);
    sockets.push(leavingOnB, stayingOnA, stayingOnB);
    expect((await a.http.delete(`/api/v1/bodies/${body.id}/members/${seats.leaving.government.id}`, a.adminToken)).status).toBe(200);
    await leavingOnB.waitFor('membership.changed');
    await f.member(body.id, (await f.government()).id);
    await stayingOnA.waitFor('membership.changed', (p) => p.governmentId !== seats.leaving.government.id);
    await stayingOnB.waitFor('membership.changed', (p) => p.governmentId !== seats.leaving.government.id);
    expect(leavingOnB.received('membership.changed')).toHaveLength(1);
  });

  it('a client that drops and comes back within the window, on the other instance, receives what it missed', async () => {
    const { body, seats } = await f.bodyWith({ member: { role: 'member' } });
    const token = seats.member.official.token;
    const first = io(a.baseUrl, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => first.once('connect', resolve).once('connect_error', reject));
    // another connection of the same government tells when the missed event has gone out
    const witness = await connectSocket(b.baseUrl, token);
    sockets.push(witness);
    // Something must have reached the client for it to hold an offset to resume from.
    const before = await f.government();
    await f.member(body.id, before.id);
    await waitUntil(() => (first as unknown as { _lastOffset?: string })._lastOffset, 10_000, 'a first event');
    const { _pid: pid, _lastOffset: offset } = first as unknown as { _pid: string; _lastOffset: string };
    // Drop the transport the way a network cut does (no clean disconnect), then miss an event.
    first.io.engine.close();
    first.close();
    const missed = await f.government();
    await f.member(body.id, missed.id);
    await witness.waitFor('membership.changed', (p) => p.governmentId === missed.id);

    const back = io(b.baseUrl, { transports: ['websocket'], auth: { token, pid, offset }, reconnection: false, forceNew: true });
    const got: unknown[] = [];
    back.on('membership.changed', (p) => got.push(p));
    await new Promise<void>((resolve, reject) => back.once('connect', resolve).once('connect_error', reject));
    try {
      // A fresh connection would never see an event from before it existed: receiving it is the recovery.
      await waitUntil(() => got.length > 0, 10_000, 'the missed event');
      expect(got).toEqual([{ bodyId: body.id, governmentId: missed.id }]);
    } finally {
      back.close();
    }
  });

  it('checks the token again on recovery: a recovering client with a bad token gets nothing', async () => {
    const { body, seats } = await f.bodyWith({ member: { role: 'member' } });
    const first = io(a.baseUrl, { transports: ['websocket'], auth: { token: seats.member.official.token }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => first.once('connect', resolve).once('connect_error', reject));
    const witness = await connectSocket(b.baseUrl, seats.member.official.token);
    sockets.push(witness);
    await f.member(body.id, (await f.government()).id);
    await waitUntil(() => (first as unknown as { _lastOffset?: string })._lastOffset, 10_000, 'a first event');
    const { _pid: pid, _lastOffset: offset } = first as unknown as { _pid: string; _lastOffset: string };
    first.io.engine.close();
    first.close();
    const missed = await f.government();
    await f.member(body.id, missed.id);
    await witness.waitFor('membership.changed', (p) => p.governmentId === missed.id);
    const back = io(b.baseUrl, { transports: ['websocket'], auth: { token: 'forged', pid, offset }, reconnection: false, forceNew: true });
    const got: unknown[] = [];
    back.onAny((name, p) => got.push([name, p]));
    const error = await new Promise<Error>((resolve) => back.once('connect_error', resolve));
    back.close();
    expect(error.message).toMatch(/invalid|expired/i);
    expect(got).toEqual([]);
  });
});
