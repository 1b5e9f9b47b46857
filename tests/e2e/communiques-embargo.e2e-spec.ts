import type { INestApplicationContext } from '@nestjs/common';
import { CommuniquePublicationService } from '@forum/communiques';
import { createWorker } from '../../apps/worker/src/worker';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

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

  /** An approved communiqué put under embargo until `at`. */
  async function embargoed(at: Date): Promise<string> {
    const created = await t.http.post(
      '/api/v1/communiques',
      { bodyId, titleEn: 'Embargoed statement', titleFr: 'Déclaration sous embargo', bodyEn: 'Text.', bodyFr: 'Texte.' },
      t.adminToken,
    );
    const id = created.body.id;
    await t.http.post(`/api/v1/communiques/${id}/submit`, {}, t.adminToken);
    for (const token of officials) await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 1 }, token);
    const res = await t.http.post(`/api/v1/communiques/${id}/publish`, { embargoUntil: at.toISOString() }, t.adminToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', embargoUntil: at.toISOString() });
    return id;
  }

  const publishedEvents = async (id: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM outbox_event WHERE name = 'communique.published' AND payload->>'id' = $1`, [id]))[0].n);
  const isPublic = async (id: string) => (await t.http.get(`/api/v1/public/communiques/${id}`)).status === 200;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    const scene = await f.bodyWith({ canada: { level: 'federal', role: 'co_chair' }, manitoba: { role: 'member' }, quebec: { role: 'observer' } });
    bodyId = scene.body.id;
    officials = [scene.seats.canada.official.token, scene.seats.manitoba.official.token];
  });
  afterAll(async () => {
    for (const worker of [...workers]) await worker.close().catch(() => undefined);
    await t?.close();
  });

  it('schedules a delayed job and publishes exactly once, even when the worker restarts in between', async () => {
    const at = new Date(Date.now() + 4000);
    const id = await embargoed(at);
    expect(await isPublic(id)).toBe(false);
    const [intent] = (await t.dataSource.query(`SELECT jobs FROM outbox_event WHERE name = 'communique.updated' AND payload->>'id' = $1 AND jobs IS NOT NULL`, [id]))[0].jobs;
    expect(intent).toMatchObject({ queue: 'communique-embargoes', name: 'communiques.publish-embargoed', jobId: `embargo:${id}:1`, runAt: at.toISOString(), data: { communiqueId: id, revision: 1 } });

    // The first worker relays the job intent to the queue, then stops before the embargo lifts.
    const first = await startWorker();
    await waitFor('the job intent relayed', async () => (await t.dataSource.query(`SELECT count(*) AS n FROM outbox_event WHERE relayed_at IS NULL`))[0].n === '0');
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
    const id = await embargoed(new Date(Date.now() + 800));
    // No worker ran: nothing relayed the job. Forget it too, as if Redis had lost it.
    await t.dataSource.query(`UPDATE outbox_event SET relayed_at = now() WHERE relayed_at IS NULL`);
    await sleep(1000);
    expect(await isPublic(id)).toBe(false);
    const worker = await startWorker();
    expect(await isPublic(id)).toBe(true);
    await stopWorker(worker);
    expect(await publishedEvents(id)).toBe(1);
  });

  it('publishes once when several callers lift the same embargo at the same moment', async () => {
    const id = await embargoed(new Date(Date.now() + 500));
    await sleep(700);
    const service = t.app.get(CommuniquePublicationService);
    const results = await Promise.all([service.publishDueEmbargoes(), service.publishDueEmbargoes(), service.publishDueEmbargoes()]);
    expect(results.flat().filter((x) => x === id)).toHaveLength(1);
    expect(await publishedEvents(id)).toBe(1);
  });

  it('cancels the embargo when the text is edited, and refuses a second embargo time', async () => {
    const id = await embargoed(new Date(Date.now() + 600));
    const other = await t.http.post(`/api/v1/communiques/${id}/publish`, { embargoUntil: new Date(Date.now() + 3600_000).toISOString() }, t.adminToken);
    expect(other.status).toBe(409);
    const edited = await t.http.patch(`/api/v1/communiques/${id}`, { bodyEn: 'Changed text.' }, t.adminToken);
    expect(edited.body).toMatchObject({ status: 'in_concurrence', embargoUntil: null, revision: 2 });
    await sleep(800);
    expect(await t.app.get(CommuniquePublicationService).publishDueEmbargoes()).not.toContain(id);
    expect(await isPublic(id)).toBe(false);
  });
});
