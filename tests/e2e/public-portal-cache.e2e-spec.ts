import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Client } from 'pg';
import { CommuniquePublicationService, PublicResponseCache } from '@forum/communiques';
import { Factories } from '../support/factories';
import { countQueries, recordQueries } from '../support/query-counter';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** A GET that leaves the body as sent (fetch would decompress it): the bytes on the wire and their headers. */
function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(baseUrl + path, { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const PUBLIC_PATHS = (id: string) => [
  '/api/v1/public/communiques',
  `/api/v1/public/communiques/${id}`,
  '/api/v1/public/communiques.atom',
  '/en/communiques',
  '/fr/communiques',
  `/en/communiques/${id}`,
  `/fr/communiques/${id}`,
];

describe('the public portal answers from memory, invalidated by publication events', () => {
  let a: TestApp;
  let b: TestApp;
  let f: Factories;
  let bodyId: string;
  let officials: string[];
  let admin: Client;

  const cacheOf = (t: TestApp) => t.app.get(PublicResponseCache);
  /** whether instance `t`'s public list shows communiqué `id` (the lifted embargo is dated ahead, so never assume first) */
  const listed = async (t: TestApp, id: string) =>
    (await t.http.get('/api/v1/public/communiques?limit=100')).body.items.some((c: { id: string }) => c.id === id);

  /** Draft → concurrence by every member → published now or under an embargo, through the API of instance `t`. */
  async function communique(t: TestApp, title: string, embargoUntil?: Date): Promise<string> {
    const created = await t.http.post(
      '/api/v1/communiques',
      { bodyId, titleEn: title, titleFr: `${title} (fr)`, bodyEn: `${title}: text.`, bodyFr: `${title} : texte.` },
      t.adminToken,
    );
    if (created.status !== 201) throw new Error(`communique: ${created.status} ${created.text}`);
    const id = created.body.id;
    await t.http.post(`/api/v1/communiques/${id}/submit`, {}, t.adminToken);
    for (const token of officials) await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 1 }, token);
    const res = await t.http.post(`/api/v1/communiques/${id}/publish`, embargoUntil ? { embargoUntil: embargoUntil.toISOString() } : {}, t.adminToken);
    if (res.status !== 200) throw new Error(`publish: ${res.status} ${res.text}`);
    return id;
  }

  /**
   * Every public URL once (a miss), then again: the second round is answered without a single query, each
   * request by the fast path (from memory, before helmet, the rate limit and Nest).
   */
  async function expectCachedWithoutQueries(t: TestApp, paths: string[], background?: RegExp) {
    for (const path of paths) expect((await t.http.get(path)).status).toBe(200);
    const fromMemory = cacheOf(t).counters.fromMemory;
    const recorded = await recordQueries(async () => {
      for (const path of paths) expect((await t.http.get(path)).status).toBe(200);
    });
    // `background`: statements of a worker running in this same process (the counter sees every query runner)
    expect(recorded.map((q) => q.sql).filter((sql) => !background?.test(sql))).toEqual([]);
    expect(cacheOf(t).counters.fromMemory - fromMemory).toBe(paths.length);
  }

  /** The headers that differ from one answer to the next whoever sends it. */
  const PER_REQUEST = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);
  const stable = (headers: Raw['headers']) => Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_REQUEST.has(name)));

  /** The same GET twice from a cleared cache: the first answered by Nest (and remembered), the second from memory. */
  async function byNestThenFromMemory(t: TestApp, path: string, headers: Record<string, string> = {}) {
    const cache = cacheOf(t);
    cache.invalidate();
    const before = cache.counters.fromMemory;
    const nest = await rawGet(t.baseUrl, path, headers);
    expect(cache.counters.fromMemory).toBe(before);
    const memory = await rawGet(t.baseUrl, path, headers);
    expect(cache.counters.fromMemory).toBe(before + 1);
    return { nest, memory };
  }

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ database: a.database, redisPrefix: a.config.redisPrefix });
    f = new Factories(a);
    const scene = await f.bodyWith(
      { canada: { level: 'federal', role: 'co_chair' }, ontario: { role: 'member' } },
      { name: 'Cache task force', nameFr: 'Groupe de travail du cache' },
    );
    bodyId = scene.body.id;
    officials = [scene.seats.canada.official.token, scene.seats.ontario.official.token];
    admin = new Client({ connectionString: a.database.url });
    await admin.connect();
    await waitUntil(() => cacheOf(a).isListening && cacheOf(b).isListening, 10_000, 'both caches listening');
  });
  afterAll(async () => {
    await admin?.end();
    await b?.close();
    await a?.close();
  });

  it('serves a published communiqué on the API and the pages, and a cached hit costs no query', async () => {
    const id = await communique(a, 'Housing capacity statement');
    const list = await a.http.get('/api/v1/public/communiques?limit=100');
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await a.http.get(`/en/communiques/${id}`)).text).toContain('Housing capacity statement');
    expect((await a.http.get(`/fr/communiques/${id}`)).text).toContain('Housing capacity statement (fr)');
    await expectCachedWithoutQueries(a, PUBLIC_PATHS(id));
    // A conditional GET answered from memory too: 304, no query.
    const etag = list.headers.get('etag')!;
    let status = 0;
    expect(
      await countQueries(
        async () => (status = (await a.http.request('GET', '/api/v1/public/communiques?limit=100', { headers: { 'if-none-match': etag } })).status),
      ),
    ).toBe(0);
    expect(status).toBe(304);
    expect(list.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    expect((await a.http.get('/en/communiques')).headers.get('cache-control')).toMatch(/public, max-age=\d+, stale-while-revalidate=\d+/);
  });

  it('a publication, a correction and a withdrawal through the API are seen by the very next request', async () => {
    const first = await communique(a, 'First cached statement');
    await expectCachedWithoutQueries(a, PUBLIC_PATHS(first));
    const before = await a.http.get('/api/v1/public/communiques?limit=100');

    // publication
    const second = await communique(a, 'Second cached statement');
    const afterPublish = await a.http.request('GET', '/api/v1/public/communiques?limit=100', { headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(afterPublish.status).toBe(200);
    expect(afterPublish.body.items.map((c: { id: string }) => c.id)).toContain(second);
    expect((await a.http.get('/en/communiques')).text).toContain(`/en/communiques/${second}`);
    expect((await a.http.get('/api/v1/public/communiques.atom')).text).toContain('Second cached statement');

    // correction: proposed (the public keeps the published text), then published after concurrence
    await expectCachedWithoutQueries(a, PUBLIC_PATHS(first));
    const proposed = await a.http.post(
      `/api/v1/communiques/${first}/corrections`,
      { bodyEn: 'Corrected text.', bodyFr: 'Texte corrigé.', noteEn: 'Figures corrected', noteFr: 'Chiffres corrigés' },
      a.adminToken,
    );
    expect(proposed.status).toBe(201);
    expect((await a.http.get(`/en/communiques/${first}`)).text).not.toContain('Corrected text.');
    for (const token of officials)
      expect((await a.http.post(`/api/v1/communiques/${first}/concurrences`, { revision: proposed.body.concurrence.revision }, token)).status).toBe(201);
    expect((await a.http.post(`/api/v1/communiques/${first}/publish`, {}, a.adminToken)).status).toBe(200);
    const corrected = await a.http.get(`/api/v1/public/communiques/${first}`);
    expect(corrected.body.bodyEn).toBe('Corrected text.');
    expect(corrected.body.corrections).toHaveLength(1);
    expect((await a.http.get(`/en/communiques/${first}`)).text).toContain('Corrected text.');
    expect((await a.http.get(`/fr/communiques/${first}`)).text).toContain('Texte corrigé.');

    // withdrawal
    await expectCachedWithoutQueries(a, PUBLIC_PATHS(first));
    expect((await a.http.post(`/api/v1/communiques/${first}/withdraw`, { reasonEn: 'Superseded', reasonFr: 'Remplacé' }, a.adminToken)).status).toBe(200);
    expect((await a.http.get(`/api/v1/public/communiques/${first}`)).body.withdrawal).toMatchObject({ reasonEn: 'Superseded' });
    expect((await a.http.get(`/en/communiques/${first}`)).text).toContain('Superseded');
    const listed = (await a.http.get('/api/v1/public/communiques?limit=100')).body.items.find((c: { id: string }) => c.id === first);
    expect(listed.status).toBe('withdrawn');
  });

  it('a publication through another API instance reaches this instance’s cache', async () => {
    const seed = await communique(a, 'Seen on both instances');
    await expectCachedWithoutQueries(a, PUBLIC_PATHS(seed));
    await expectCachedWithoutQueries(b, PUBLIC_PATHS(seed));

    const onB = await communique(b, 'Published through instance B');
    // NOTIFY reaches A on commit, moments after B's answer: A shows it as soon as the notification is in.
    await waitUntil(() => listed(a, onB), 5_000, 'A to show B’s publication');
    expect((await a.http.get('/en/communiques')).text).toContain(`/en/communiques/${onB}`);
    expect((await a.http.get(`/en/communiques/${onB}`)).status).toBe(200);
    await expectCachedWithoutQueries(a, PUBLIC_PATHS(onB));

    expect((await b.http.post(`/api/v1/communiques/${seed}/withdraw`, { reason: 'Replaced' }, b.adminToken)).status).toBe(200);
    await waitUntil(async () => (await a.http.get(`/api/v1/public/communiques/${seed}`)).body.withdrawal !== null, 5_000, 'A to show B’s withdrawal');
  });

  it('an embargo lifted by the worker reaches every API instance', async () => {
    let worker: TestWorker | null = null;
    try {
      worker = await startTestWorker(a);
      const id = await communique(a, 'Embargoed statement', new Date(Date.now() + 3600_000));
      // the in-process worker relays the publication's events meanwhile; its statements are not the portal's
      const worker_ = /\b(delivery|outbox_event|notification)\b/;
      await expectCachedWithoutQueries(a, ['/api/v1/public/communiques?limit=100', '/en/communiques'], worker_);
      await expectCachedWithoutQueries(b, ['/api/v1/public/communiques?limit=100', '/en/communiques'], worker_);
      expect((await a.http.get(`/api/v1/public/communiques/${id}`)).status).toBe(404);
      expect((await b.http.get(`/en/communiques/${id}`)).status).toBe(404);
      // The worker's embargo job lifts what is due; "now" is moved past the embargo rather than waiting an hour.
      expect(await worker.app.get(CommuniquePublicationService).publishDueEmbargoes(new Date(Date.now() + 3601_000))).toContain(id);
      for (const t of [a, b]) {
        await waitUntil(() => listed(t, id), 5_000, 'the lifted embargo');
        expect((await t.http.get(`/en/communiques/${id}`)).status).toBe(200);
        expect((await t.http.get(`/api/v1/public/communiques/${id}`)).status).toBe(200);
      }
    } finally {
      await worker?.close();
    }
  });

  it('with its LISTEN connection terminated, the cache is cleared, validates every request until it is back, and never serves stale data', async () => {
    const cache = cacheOf(a);
    const seed = await communique(a, 'Before the listener is lost');
    const pid = cache.listenerPid!;
    expect(pid).toBeGreaterThan(0);
    expect((await admin.query(`SELECT application_name FROM pg_stat_activity WHERE pid = $1`, [pid])).rows[0]?.application_name).toBe('forum-public-cache');
    await expectCachedWithoutQueries(a, PUBLIC_PATHS(seed));
    const lost = cache.counters.listenerLost;

    // 1. Kept down: hold the reconnection so the fallback can be seen at leisure.
    const internals = cache as unknown as { scheduleReconnect: () => void };
    const reconnect = internals.scheduleReconnect;
    let held = false;
    internals.scheduleReconnect = () => {
      held = true;
    };
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await waitUntil(() => !cache.isListening && held, 5_000, 'the lost listener to be noticed');
      expect(cache.counters.listenerLost).toBe(lost + 1);
      expect(cache.counters.entries).toBe(0);
      // Published by the other instance: its NOTIFY reaches nobody on A; the validating query sees it.
      const whileDown = await communique(b, 'Published while A is not listening');
      expect(await listed(a, whileDown)).toBe(true);
      expect((await a.http.get('/en/communiques')).text).toContain(`/en/communiques/${whileDown}`);
      // A hit while down costs exactly the validating query, no more.
      const recorded = await recordQueries(() => a.http.get('/api/v1/public/communiques?limit=100'));
      expect(recorded).toHaveLength(1);
      expect(recorded[0].sql).toMatch(/FROM communique WHERE status/);
      expect((await b.http.post(`/api/v1/communiques/${seed}/withdraw`, { reason: 'Gone' }, b.adminToken)).status).toBe(200);
      expect((await a.http.get(`/api/v1/public/communiques/${seed}`)).body.withdrawal).not.toBeNull();
    } finally {
      internals.scheduleReconnect = reconnect;
      reconnect.call(cache);
    }
    const back = await waitUntil(() => cache.listenerPid, 10_000, 'LISTEN back');
    expect(back).not.toBe(pid);
    await expectCachedWithoutQueries(a, PUBLIC_PATHS(seed));

    // 2. Not held: terminated, then a publication elsewhere at once; every answer A gives after it shows it.
    await admin.query('SELECT pg_terminate_backend($1)', [back]);
    const racing = await communique(b, 'Published right after the kill');
    for (let i = 0; i < 5; i++) expect(await listed(a, racing)).toBe(true);
    const again = await waitUntil(() => cache.listenerPid !== back && cache.listenerPid, 10_000, 'LISTEN back again');
    expect((await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1`, [again])).rows[0].n).toBe(1);
    await expectCachedWithoutQueries(a, PUBLIC_PATHS(racing));
    const last = await communique(b, 'Heard again by NOTIFY');
    await waitUntil(() => listed(a, last), 5_000, 'the NOTIFY after reconnection');
  });

  it('sends br and gzip bodies computed once, that decompress to the same bytes, with Vary: Accept-Encoding', async () => {
    const id = await communique(a, 'Compressed statement '.repeat(5));
    for (const path of PUBLIC_PATHS(id)) {
      const plain = await rawGet(a.baseUrl, path);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.headers['cache-control']).toMatch(/stale-while-revalidate/);

      const br = await rawGet(a.baseUrl, path, { 'accept-encoding': 'br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
      expect(br.bytes.length).toBeLessThan(plain.bytes.length);

      const gz = await rawGet(a.baseUrl, path, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers.vary).toMatch(/accept-encoding/i);
      expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);

      // Each representation has its own validator; any of them is "not modified" for the same bytes.
      expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);
      const revalidated = await rawGet(a.baseUrl, path, { 'accept-encoding': 'br', 'if-none-match': String(gz.headers.etag) });
      expect(revalidated.status).toBe(304);
      expect(revalidated.bytes.length).toBe(0);
      expect(revalidated.headers.vary).toMatch(/accept-encoding/i);
      expect(revalidated.headers['content-encoding']).toBeUndefined();

      // Preferences are honoured: q=0 refuses br, and the cached compressed bytes are the same each time.
      expect((await rawGet(a.baseUrl, path, { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
      expect((await rawGet(a.baseUrl, path, { 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
      const queries = await countQueries(async () => {
        expect((await rawGet(a.baseUrl, path, { 'accept-encoding': 'br' })).bytes.equals(br.bytes)).toBe(true);
        expect((await rawGet(a.baseUrl, path, { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br');
      });
      expect(queries).toBe(0);
    }
  });
  it('a hit from memory sends the very bytes and headers the Nest path sent, in every coding, 304s included', async () => {
    const id = await communique(a, 'Fast path statement '.repeat(5));
    // br alone: the Nest path waits for brotli (gzip is not accepted), then memory has it
    for (const coding of ['br', 'gzip', 'identity']) {
      for (const path of PUBLIC_PATHS(id)) {
        const { nest, memory } = await byNestThenFromMemory(a, path, { 'accept-encoding': coding });
        expect(memory.status).toBe(nest.status);
        expect(memory.bytes.equals(nest.bytes)).toBe(true);
        expect(stable(memory.headers)).toEqual(stable(nest.headers));
        expect(memory.headers['content-encoding']).toBe(coding === 'identity' ? undefined : coding);
        // helmet's headers, precomputed, and a request id of its own
        expect(memory.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(memory.headers['x-frame-options']).toBe('DENY');
        expect(memory.headers['x-request-id']).toBeTruthy();
        expect(memory.headers['x-request-id']).not.toBe(nest.headers['x-request-id']);
      }
    }
    // a request id given by the caller (a proxy's) is echoed, as on the Nest path
    expect((await rawGet(a.baseUrl, '/en/communiques', { 'x-request-id': 'proxy-trace-42' })).headers['x-request-id']).toBe('proxy-trace-42');

    // 304: Nest's and memory's alike
    const page = `/en/communiques?year=${new Date().getFullYear()}`;
    const fresh = await rawGet(a.baseUrl, page, { 'accept-encoding': 'gzip' });
    const byTag = await byNestThenFromMemory(a, page, { 'accept-encoding': 'gzip', 'if-none-match': String(fresh.headers.etag) });
    for (const answer of [byTag.nest, byTag.memory]) {
      expect(answer.status).toBe(304);
      expect(answer.bytes.length).toBe(0);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers['content-length']).toBeUndefined();
    }
    expect(stable(byTag.memory.headers)).toEqual(stable(byTag.nest.headers));
    const bySince = await rawGet(a.baseUrl, page, { 'if-modified-since': String(fresh.headers['last-modified']) });
    expect(bySince.status).toBe(304);
    expect((await rawGet(a.baseUrl, page, { 'if-modified-since': new Date(0).toUTCString() })).status).toBe(200);
    expect((await rawGet(a.baseUrl, page, { 'if-none-match': '"some-other-tag"' })).status).toBe(200);

    // HEAD, and anything with a token (checked, and audited for a service token, on every route), go through Nest
    const fromMemory = cacheOf(a).counters.fromMemory;
    expect((await a.http.request('HEAD', '/en/communiques')).status).toBe(200);
    const withToken = await a.http.get('/en/communiques', a.adminToken);
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('cache-control')).toBe('no-store');
    expect(cacheOf(a).counters.fromMemory).toBe(fromMemory);
  });

  it('each language and each filter is its own URL in memory, and never answers for another', async () => {
    const other = await f.bodyWith({ quebec: { role: 'co_chair' } }, { name: 'Other cache table', nameFr: 'Autre table du cache' });
    const id = await communique(a, 'Language and filter statement');
    const year = new Date().getFullYear();
    const paths = [
      '/en/communiques',
      '/fr/communiques',
      `/en/communiques?year=${year}`,
      '/en/communiques?year=1990',
      `/en/communiques?bodyId=${bodyId}`,
      `/en/communiques?bodyId=${other.body.id}`,
      '/api/v1/public/communiques',
      '/api/v1/public/communiques?lang=fr',
      '/api/v1/public/communiques?year=1990',
      `/api/v1/public/communiques?bodyId=${other.body.id}`,
    ];
    const answers = new Map<string, Raw>();
    for (const path of paths) {
      const { nest, memory } = await byNestThenFromMemory(a, path);
      expect(memory.bytes.equals(nest.bytes)).toBe(true);
      answers.set(path, memory);
    }
    const text = (path: string) => answers.get(path)!.bytes.toString('utf8');
    // (two empty API pages are the same bytes, so the same tag: only what differs must differ)
    expect(new Set(paths.slice(0, 7).map((p) => answers.get(p)!.headers.etag)).size).toBe(7);
    expect(text('/en/communiques')).toContain('Language and filter statement');
    expect(text('/fr/communiques')).toContain('Language and filter statement (fr)');
    expect(answers.get('/fr/communiques')!.headers['content-language']).toBe('fr');
    expect(text(`/en/communiques?year=${year}`)).toContain(`/en/communiques/${id}`);
    expect(text('/en/communiques?year=1990')).not.toContain(`/en/communiques/${id}`);
    expect(text(`/en/communiques?bodyId=${bodyId}`)).toContain(`/en/communiques/${id}`);
    expect(text(`/en/communiques?bodyId=${other.body.id}`)).not.toContain(`/en/communiques/${id}`);
    const items = (path: string) => (JSON.parse(text(path)) as { items: { id: string; titleEn?: string; title?: string }[] }).items;
    expect(items('/api/v1/public/communiques').map((c) => c.id)).toContain(id);
    expect(text('/api/v1/public/communiques?lang=fr')).toContain('Language and filter statement (fr)');
    expect(items('/api/v1/public/communiques?year=1990')).toEqual([]);
    expect(items(`/api/v1/public/communiques?bodyId=${other.body.id}`).map((c) => c.id)).not.toContain(id);
    // a malformed query is refused by Nest, every time: it is never remembered
    for (let i = 0; i < 2; i++) expect((await rawGet(a.baseUrl, '/api/v1/public/communiques?year=soon')).status).toBe(400);
  });

  it('a correction and a withdrawal through another instance reach this instance’s hits from memory', async () => {
    const id = await communique(a, 'Corrected elsewhere');
    const pages = [`/en/communiques/${id}`, `/api/v1/public/communiques/${id}`, '/en/communiques'];
    await expectCachedWithoutQueries(a, pages);
    const proposed = await b.http.post(
      `/api/v1/communiques/${id}/corrections`,
      { bodyEn: 'Corrected on B.', bodyFr: 'Corrigé sur B.', noteEn: 'A figure', noteFr: 'Un chiffre' },
      b.adminToken,
    );
    expect(proposed.status).toBe(201);
    for (const token of officials)
      expect((await b.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: proposed.body.concurrence.revision }, token)).status).toBe(201);
    expect((await b.http.post(`/api/v1/communiques/${id}/publish`, {}, b.adminToken)).status).toBe(200);
    await waitUntil(async () => (await a.http.get(`/en/communiques/${id}`)).text.includes('Corrected on B.'), 5_000, 'A to show B’s correction');
    expect((await a.http.get(`/api/v1/public/communiques/${id}`)).body.bodyEn).toBe('Corrected on B.');
    await expectCachedWithoutQueries(a, pages);
    expect((await a.http.get(`/en/communiques/${id}`)).text).toContain('Corrected on B.');

    expect((await b.http.post(`/api/v1/communiques/${id}/withdraw`, { reasonEn: 'Withdrawn on B', reasonFr: 'Retiré sur B' }, b.adminToken)).status).toBe(200);
    await waitUntil(async () => (await a.http.get(`/en/communiques/${id}`)).text.includes('Withdrawn on B'), 5_000, 'A to show B’s withdrawal');
    await expectCachedWithoutQueries(a, pages);
    expect((await a.http.get(`/api/v1/public/communiques/${id}`)).body.withdrawal).toMatchObject({ reasonEn: 'Withdrawn on B' });
  });
});
