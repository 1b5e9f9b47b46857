import type { INestApplicationContext } from '@nestjs/common';
import { CommuniquePublicationService } from '@forum/communiques';
import { createWorker } from '../../apps/worker/src/worker';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { scaled, waitFor as waitUntil } from '../support/timeouts';

const waitFor = <T>(what: string, probe: () => Promise<T | null | undefined | false>) => waitUntil(what, probe, 15_000, 100);
/** Embargoes are about time: the tests wait for the clock to pass a moment (a condition), never for a duration. */
const passed = (at: Date) => waitFor(`the clock to pass ${at.toISOString()}`, async () => Date.now() > at.getTime());

describe('embargoed publication', () => {
  let t: TestApp;
  let f: Factories;
  let bodyId: string;
  let officials: string[];
  const workers: INestApplicationContext[] = [];

  const startWorker = async () => {
    const worker = await createWorker({ ...t.config, outboxPollMs: 100 }, { handleSignals: false });
    workers.push(worker);
    return worker;
  };
  const stopWorker = async (worker: INestApplicationContext) => {
    await worker.close();
    workers.splice(workers.indexOf(worker), 1);
  };

  /**
   * An approved communiqué put under embargo until `delayMs` after the publish request is sent. The moment is
   * taken after the other steps, so a slow machine never sends an embargo time already in the past.
   */
  async function embargoed(delayMs: number): Promise<{ id: string; at: Date }> {
    const created = await t.http.post(
      '/api/v1/communiques',
      { bodyId, titleEn: 'Embargoed statement', titleFr: 'Déclaration sous embargo', bodyEn: 'Text.', bodyFr: 'Texte.' },
      t.adminToken,
    );
    const id = created.body.id;
    await t.http.post(`/api/v1/communiques/${id}/submit`, {}, t.adminToken);
    for (const token of officials) await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 1 }, token);
    const at = new Date(Date.now() + Math.max(delayMs, scaled(1500)));
    const res = await t.http.post(`/api/v1/communiques/${id}/publish`, { embargoUntil: at.toISOString() }, t.adminToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', embargoUntil: at.toISOString() });
    return { id, at };
  }
  /** How long starting and stopping a worker takes on this machine now (measured once, warm). */
  let workerCycleMs = 0;

  const publishedEvents = async (id: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM outbox_event WHERE name = 'communique.published' AND payload->>'id' = $1`, [id]))[0].n);
  const isPublic = async (id: string) => (await t.http.get(`/api/v1/public/communiques/${id}`)).status === 200;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    const scene = await f.bodyWith({ canada: { level: 'federal', role: 'co_chair' }, manitoba: { role: 'member' }, quebec: { role: 'observer' } });
    bodyId = scene.body.id;
    officials = [scene.seats.canada.official.token, scene.seats.manitoba.official.token];
    const started = Date.now();
    await stopWorker(await startWorker());
    workerCycleMs = Date.now() - started;
  });
  afterAll(async () => {
    for (const worker of [...workers]) await worker.close().catch(() => undefined);
    await t?.close();
  });

  it('schedules a delayed job and publishes exactly once, even when the worker restarts in between', async () => {
    // Far enough ahead for a worker to start, relay and stop before it lifts, however busy the machine is.
    const { id, at } = await embargoed(Math.max(4000, 3 * workerCycleMs + 2000));
    expect(await isPublic(id)).toBe(false);
    const [intent] = (
      await t.dataSource.query(`SELECT jobs FROM outbox_event WHERE name = 'communique.updated' AND payload->>'id' = $1 AND jobs IS NOT NULL`, [id])
    )[0].jobs;
    expect(intent).toMatchObject({
      queue: 'communique-embargoes',
      name: 'communiques.publish-embargoed',
      jobId: `embargo:${id}:1`,
      runAt: at.toISOString(),
      data: { communiqueId: id, revision: 1 },
    });

    // The first worker relays the job intent to the queue, then stops before the embargo lifts.
    const first = await startWorker();
    await waitFor(
      'the job intent relayed',
      async () => (await t.dataSource.query(`SELECT count(*) AS n FROM outbox_event WHERE relayed_at IS NULL`))[0].n === '0',
    );
    await stopWorker(first);
    expect(Date.now()).toBeLessThan(at.getTime());
    expect(await isPublic(id)).toBe(false);

    // A new worker picks up the delayed job, which survived the restart in Redis.
    const second = await startWorker();
    await waitFor('publication', () => isPublic(id));
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    const view = (await t.http.get(`/api/v1/communiques/${id}`, t.adminToken)).body;
    expect(view).toMatchObject({ status: 'published', embargoUntil: null, publishedRevision: 1 });
    // Running again (a retried job, the sweep) publishes nothing more.
    expect(await second.get(CommuniquePublicationService).publishDueEmbargoes()).toEqual([]);
    await stopWorker(second);
    expect(await publishedEvents(id)).toBe(1);
    const footnotes = (await t.http.get(`/api/v1/public/communiques/${id}`)).body.footnotesEn;
    expect(footnotes).toEqual([expect.stringContaining('took part as an observer')]);
  });

  it('publishes an overdue embargo when the worker starts, even if its job was lost', async () => {
    const { id, at } = await embargoed(800);
    // No worker ran: nothing relayed the job. Forget it too, as if Redis had lost it.
    await t.dataSource.query(`UPDATE outbox_event SET relayed_at = now() WHERE relayed_at IS NULL`);
    await passed(at);
    expect(await isPublic(id)).toBe(false);
    const worker = await startWorker();
    expect(await isPublic(id)).toBe(true);
    await stopWorker(worker);
    expect(await publishedEvents(id)).toBe(1);
  });

  it('publishes once when several callers lift the same embargo at the same moment', async () => {
    const { id, at } = await embargoed(500);
    await passed(at);
    const service = t.app.get(CommuniquePublicationService);
    const results = await Promise.all([service.publishDueEmbargoes(), service.publishDueEmbargoes(), service.publishDueEmbargoes()]);
    expect(results.flat().filter((x) => x === id)).toHaveLength(1);
    expect(await publishedEvents(id)).toBe(1);
  });

  it('cancels the embargo when the text is edited, and refuses a second embargo time', async () => {
    const { id, at } = await embargoed(600);
    const other = await t.http.post(`/api/v1/communiques/${id}/publish`, { embargoUntil: new Date(Date.now() + 3600_000).toISOString() }, t.adminToken);
    expect(other.status).toBe(409);
    const edited = await t.http.patch(`/api/v1/communiques/${id}`, { bodyEn: 'Changed text.' }, t.adminToken);
    expect(edited.body).toMatchObject({ status: 'in_concurrence', embargoUntil: null, revision: 2 });
    await passed(at);
    expect(await t.app.get(CommuniquePublicationService).publishDueEmbargoes()).not.toContain(id);
    expect(await isPublic(id)).toBe(false);
  });
});
