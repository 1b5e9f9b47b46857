import { waitFor } from '../support/timeouts';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestPostgres, TestPostgres } from '../support/test-postgres';

/**
 * Postgres restarted while requests flow: the API answers 503 (never 500) while it is down, recovers by
 * itself when it is back, and no request leaves a partial write (every body it accepted exists with its
 * audit record; none exists that it did not accept).
 */
describe('faults: PostgreSQL restarted under load', () => {
  let pg: TestPostgres;
  let t: TestApp;

  beforeAll(async () => {
    pg = await startTestPostgres();
    t = await startTestApp({ database: { name: 'forum', url: pg.url, drop: async () => undefined } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await pg?.destroy();
  });

  it('answers 503 while the database is down, recovers alone, and loses or half-writes nothing', async () => {
    const accepted: string[] = [];
    const statuses: number[] = [];
    let running = true;
    let n = 0;
    const writer = (async () => {
      while (running) {
        const name = `Restart body ${n++}`;
        const res = await t.http.post('/api/v1/bodies', { name, kind: 'table', permanent: true }, t.adminToken).catch(() => ({ status: 0, body: null }));
        statuses.push(res.status);
        if (res.status === 201) accepted.push(res.body.id);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await waitFor('a few writes before the stop', () => accepted.length >= 3);
    await pg.stop();
    const during = await t.http.get('/api/v1/health');
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({ status: 'unavailable', postgres: 'down' });
    const write = await t.http.post('/api/v1/bodies', { name: 'While down', kind: 'table', permanent: true }, t.adminToken);
    expect(write.status).toBe(503);
    expect(write.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect(write.headers.get('retry-after')).toBeTruthy();
    const refusedBefore = statuses.filter((s) => s === 503).length;
    await waitFor('the writer refused while the database is down', () => statuses.filter((s) => s === 503).length > refusedBefore);

    await pg.start();
    await waitFor('the API to recover', async () => (await t.http.get('/api/v1/health')).status === 200, 20_000, 200);
    await waitFor('three writes accepted in a row after recovery', () => statuses.length >= 3 && statuses.slice(-3).every((s) => s === 201));
    running = false;
    await writer;

    expect(statuses.filter((s) => s !== 201 && s !== 503 && s !== 401)).toEqual([]);
    expect(statuses).toContain(503);
    expect(statuses.slice(-3)).toEqual([201, 201, 201]);
    const rows: { id: string; audited: boolean }[] = await t.dataSource.query(
      `SELECT b.id, EXISTS (SELECT 1 FROM audit_record a WHERE a.entity_id = b.id::text AND a.action = 'body.created') AS audited
         FROM body b WHERE b.name_en LIKE 'Restart body %' OR b.name_en = 'While down'`,
    );
    expect(rows.map((r) => r.id).sort()).toEqual([...accepted].sort());
    expect(rows.every((r) => r.audited)).toBe(true);
  }, 90_000);
});
