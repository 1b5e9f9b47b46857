import { PublicResponseCache } from '@forum/communiques';
import { createWorker } from '../../apps/worker/src/worker';
import { freePort } from '../support/free-port';
import { startTestApp, TestApp } from '../support/test-app';
import { connectSocket, waitUntil } from '../support/test-sockets';

const TOKEN = 'metrics-token-for-the-test-0123456789';

/** The value of one sample line of the Prometheus text format, or null when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const match = /^([a-z_:]+)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const given = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => given[k] === v)) return Number(match[4]);
  }
  return null;
}

describe('monitoring: GET /metrics (Prometheus)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => t?.close());

  it('needs the metrics token when METRICS_TOKEN is set (no access token stands in for it)', async () => {
    expect((await t.http.get('/metrics')).status).toBe(401);
    expect((await t.http.get('/metrics', 'wrong-token')).status).toBe(401);
    expect((await t.http.get('/metrics', t.adminToken)).status).toBe(401);
  });

  it('reports HTTP latency by route and status, queue depths, outbox lag, sockets and the database pool', async () => {
    const socket = await connectSocket(t.baseUrl, t.adminToken);
    try {
      expect((await t.http.get('/api/v1/health')).status).toBe(200);
      expect((await t.http.get('/api/v1/bodies/not-an-id', t.adminToken)).status).toBe(400);
      // an event committed a minute ago that no worker relays in this test (none runs)
      await t.dataSource.query(
        `INSERT INTO outbox_event (name, payload, audience, created_at) VALUES ('metrics.test', '{}', '{}', now() - interval '60 seconds')`,
      );

      const res = await t.http.get('/metrics', TOKEN);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = res.text;
      expect(sample(text, 'http_request_duration_seconds_count', { app: 'api', method: 'GET', route: '/api/v1/health', status: '200' })).toBeGreaterThanOrEqual(
        1,
      );
      expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/bodies/:id', status: '400' })).toBe(1);
      expect(sample(text, 'http_request_duration_seconds_bucket', { route: '/api/v1/health', le: '+Inf' })).toBeGreaterThanOrEqual(1);
      expect(text).toMatch(/^forum_queue_jobs\{queue="[^"]+",state="waiting",app="api"\} \d+$/m);
      expect(sample(text, 'forum_outbox_pending_events')).toBe(1);
      expect(sample(text, 'forum_outbox_lag_seconds')).toBeGreaterThanOrEqual(60);
      expect(sample(text, 'forum_socket_connections')).toBe(1);
      expect(sample(text, 'forum_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      socket.close();
    }
  });

  it('counts the public portal’s hits served from memory like any other request', async () => {
    const cache = t.app.get(PublicResponseCache);
    await waitUntil(() => cache.isListening, 10_000, 'the public cache listening');
    const count = async () =>
      sample((await t.http.get('/metrics', TOKEN)).text, 'http_request_duration_seconds_count', { method: 'GET', route: '/fr/communiques', status: '200' }) ??
      0;
    const before = await count();
    const fromMemory = cache.counters.fromMemory;
    for (let i = 0; i < 4; i++) expect((await t.http.get('/fr/communiques')).status).toBe(200);
    // the first is Nest's (a miss), the others come from memory, and all four are timed
    expect(cache.counters.fromMemory - fromMemory).toBe(3);
    expect((await count()) - before).toBe(4);
  });

  it('the worker serves its own metrics on WORKER_METRICS_PORT, behind the same token', async () => {
    const port = await freePort();
    const worker = await createWorker({ ...t.config, workerMetricsPort: port, host: '127.0.0.1' }, { handleSignals: false });
    try {
      const url = `http://127.0.0.1:${port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/^forum_queue_jobs\{queue="[^"]+",state="waiting",app="worker"\} \d+$/m);
      expect(sample(text, 'forum_outbox_lag_seconds', { app: 'worker' })).not.toBeNull();
      expect(sample(text, 'process_resident_memory_bytes', { app: 'worker' })).toBeGreaterThan(0);
    } finally {
      await worker.close();
    }
    // closed with the worker
    expect(
      await fetch(`http://127.0.0.1:${port}/metrics`).then(
        () => 'open',
        () => 'closed',
      ),
    ).toBe('closed');
  });
});
