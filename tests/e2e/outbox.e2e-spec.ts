import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { EventRecorder } from '@forum/core';
import { QUEUES } from '@forum/contracts';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { connectSocket, sleep, waitUntil } from '../support/test-sockets';
import { startTestWorker } from '../support/test-worker';

const count = async (t: TestApp, sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);

describe('the outbox relay', () => {
  let t: TestApp;
  let f: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(() => t?.close());

  it('a write whose transaction fails leaves no row, no audit record and no event', async () => {
    const { body } = await f.bodyWith({ member: { role: 'member' } });
    const before = { outbox: await count(t, 'SELECT count(*) n FROM outbox_event'), audit: await count(t, 'SELECT count(*) n FROM audit_record') };
    const recorder = t.app.get(EventRecorder);
    await expect(
      t.dataSource.transaction(async (em) => {
        await em.query(`UPDATE body SET mandate_en = 'changed' WHERE id = $1`, [body.id]);
        await recorder.record(em, { actorUserId: null, action: 'body.updated', entityType: 'body', entityId: body.id }, [
          { name: 'meeting.created', payload: { id: 'x', bodyId: body.id }, audience: { kind: 'body', bodyId: body.id } },
        ]);
        throw new Error('the write fails after recording its event');
      }),
    ).rejects.toThrow('fails');
    expect(await count(t, 'SELECT count(*) n FROM outbox_event')).toBe(before.outbox);
    expect(await count(t, 'SELECT count(*) n FROM audit_record')).toBe(before.audit);
    expect(await count(t, `SELECT count(*) n FROM body WHERE id = $1 AND mandate_en = 'changed'`, [body.id])).toBe(0);

    // and through the API: a refused write (already a member → 409) records nothing either
    const government = await f.government();
    await f.member(body.id, government.id);
    const after = await count(t, 'SELECT count(*) n FROM outbox_event');
    expect((await t.http.post(`/api/v1/bodies/${body.id}/members`, { governmentId: government.id, role: 'member' }, t.adminToken)).status).toBe(409);
    expect(await count(t, 'SELECT count(*) n FROM outbox_event')).toBe(after);
  });

  it('an event written while no worker runs is delivered once when workers start, even two at once and after a half-done relay', async () => {
    const { body, seats } = await f.bodyWith({ member: { role: 'member' } });
    const socket = await connectSocket(t.baseUrl, seats.member.official.token);
    const joiner = await f.government();
    try {
      await f.member(body.id, joiner.id);
      const [row] = await t.dataSource.query(`SELECT id, relayed_at FROM outbox_event WHERE name = 'membership.changed' AND payload->>'governmentId' = $1`, [
        joiner.id,
      ]);
      expect(row.relayed_at).toBeNull();
      await sleep(300);
      expect(socket.received('membership.changed')).toEqual([]);

      // A relay that crashed after adding the job but before committing relayed_at: the job is there, the row pending.
      const realtime = t.app.get<Queue>(getQueueToken(QUEUES.realtime), { strict: false });
      await realtime.add(
        'membership.changed',
        { eventId: row.id, name: 'membership.changed', payload: { bodyId: body.id, governmentId: joiner.id }, audience: { kind: 'body', bodyId: body.id } },
        { jobId: `evt-${row.id}-realtime` },
      );

      const [w1, w2] = await Promise.all([startTestWorker(t), startTestWorker(t)]);
      try {
        await socket.waitFor('membership.changed', (p) => p.governmentId === joiner.id);
        await waitUntil(
          async () => (await t.dataSource.query(`SELECT relayed_at FROM outbox_event WHERE id = $1`, [row.id]))[0].relayed_at,
          5000,
          'relayed_at',
        );
        await Promise.all([w1.relayNow(), w2.relayNow()]);
        await sleep(500);
        expect(socket.received('membership.changed', (p) => p.governmentId === joiner.id)).toHaveLength(1);
      } finally {
        await Promise.all([w1.close(), w2.close()]);
      }
    } finally {
      socket.close();
    }
  });
});
