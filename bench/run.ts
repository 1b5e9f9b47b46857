/*
 * npm run bench [-- --quick]: the product against a fresh database holding a realistic volume, each figure
 * beside a baseline measured in the same run (see bench/README.md). Prints one table, writes
 * bench/results/<timestamp>.json, and leaves nothing behind (processes stopped, database dropped).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { QUEUES } from '@forum/contracts';
import { migrateDatabase, redisConnectionOptions } from '@forum/core';
import { BenchDatabase, createBenchDatabase } from './bench-database';
import { Child, freePort, peakResidentDuring, residentMb, ROOT, sleep, startTs, waitForHttp } from './child-processes';
import { profileDuring, ProfileSummary } from './cpu-profile';
import { cannon, LoadResult, lostUpdates, patchStorm, percentile, warm } from './http-load';
import { clearRedis, newRunIdentity, settle, signToken, startProduct, waitForLine } from './product-stack';
import { smtpSendFloorMs, startSmtpSink, queueThroughput, SmtpSink } from './notification-load';
import { BenchSocket, closeSockets, connectSockets, FanoutResult, measureFanout, Round } from './realtime-load';
import { ratio, renderTable, Row, verdict } from './report-table';
import { FULL_VOLUME, loadVolume, QUICK_VOLUME } from './volume-loader';
import {
  currentMemberships,
  itemReadPairs,
  itemReadTargets,
  itemsInProgress,
  listPagePairs,
  listPageTargets,
  officialsByGovernment,
  patchCrew,
} from './load-targets';

const args = (process.env.BENCH_ARGS ?? '').split(/\s+/).filter(Boolean).concat(process.argv.slice(2));
const quick = args.includes('--quick');
const noProfile = args.includes('--no-profile');
/** `--profile`: profile every figure, met or not, and keep the .cpuprofile files (their folder is printed) */
const alwaysProfile = args.includes('--profile') && !noProfile;
/** `--only=item,notifications`: measure only these figures (item, list, search, public, patch, realtime, notifications, upload) */
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wants = (figure: string) => !only || only.includes(figure);
const volume = quick ? QUICK_VOLUME : FULL_VOLUME;
/** seconds per measured run; short, so the whole bench stays within a few minutes on two cores */
const SECONDS = quick ? 3 : 6;
const CONNECTIONS = 20;
const PATCH_OFFICIALS = quick ? 50 : 200;
const SOCKETS = quick ? 200 : 1000;
const REALTIME_BODIES = 20;
const EMAILS = quick ? 300 : 1000;
/** the product's defaults (libs/core/src/config/forum-config.ts), which the bench does not override */
const EMAIL_CONCURRENCY = 20;
const SMTP_CONNECTIONS = 10;

const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const { runId, redisPrefix, jwtSecret } = newRunIdentity('bench');

const benchStart = Date.now();
const say = (message: string) => process.stdout.write(`[bench ${String(Math.round((Date.now() - benchStart) / 1000)).padStart(3)} s] ${message}\n`);
const ms = (n: number | null | undefined) => (n == null || !Number.isFinite(n) ? '-' : `${Math.round(n * 10) / 10} ms`);
const perSecond = (n: number | null | undefined) => (n == null ? '-' : `${n} req/s`);

const tokenOf = (u: { id: string; email: string; governmentId: string | null }) => signToken(jwtSecret, u);

async function main(): Promise<void> {
  if (args.includes('--faults')) {
    // `npm run bench -- --faults`: the fault table (bench/fault-table.ts), about a minute.
    const { faultTable, renderFaults } = await import('./fault-table');
    console.log(renderFaults(await faultTable(adminUrl, say)));
    return;
  }
  if (args.includes('--web')) {
    // `npm run bench -- --web`: Lighthouse's mobile figures (bench/lighthouse.ts) on the product at BENCH_WEB_URL
    // (default: `npm start`'s http://127.0.0.1:3000 with its demo accounts); the bundle sizes are bench/web-weight.ts.
    const { lighthouseRows, renderLighthouse } = await import('./lighthouse');
    console.log(renderLighthouse(await lighthouseRows(process.env.BENCH_WEB_URL ?? 'http://127.0.0.1:3000', 'secretariat@forum.demo', 'forum-demo-2026', say)));
    return;
  }
  if (args.includes('--relay')) {
    // `npm run bench -- --relay`: the outbox relay's events/s alone (bench/relay-throughput.ts), under a minute.
    const { relayBench } = await import('./relay-throughput');
    console.log(renderTable(await relayBench(adminUrl, redisUrl, quick ? 5000 : 20000, say)));
    return;
  }
  const results: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    quick,
    volume,
    machine: { cpus: cpus().length, node: process.version, loadAverageAtStart: loadavg() },
  };
  const rows: Row[] = [];
  const notes: string[] = [];
  const profiles: Record<string, ProfileSummary | null> = {};
  const children: Child[] = [];
  const sockets: BenchSocket[] = [];
  let smtp: SmtpSink | null = null;
  let database: BenchDatabase | null = null;
  const profileDir = mkdtempSync(join(tmpdir(), 'forum-bench-prof-'));
  const documentsDir = mkdtempSync(join(tmpdir(), 'forum-bench-documents-'));
  const started = Date.now();

  try {
    database = await createBenchDatabase(adminUrl);
    say(`database ${database.name}: migrating`);
    await migrateDatabase(database.url);
    say(`loading the volume (${quick ? 'quick' : 'full'})…`);
    const loaded = await loadVolume(database.url, volume);
    say(
      `loaded in ${loaded.seconds.toFixed(1)} s: ${Object.entries(loaded.counts)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
    );
    results.loaded = loaded;

    const db = new Client({ connectionString: database.url, application_name: 'forum-bench' });
    await db.connect();
    try {
      smtp = await startSmtpSink(`bench-${runId}`);
      // The baseline boots while the product does: it is ready long before the product is.
      const baselinePort = await freePort();
      const baseline = startTs('baseline', 'bench/baseline-server.ts', { DATABASE_URL: database.url, PORT: String(baselinePort) });
      children.push(baseline);
      const baseUrl = `http://127.0.0.1:${baselinePort}`;
      say('starting the api, the worker and the baseline…');
      const stack = await startProduct(
        {
          databaseUrl: database.url,
          redisUrl,
          run: { runId, redisPrefix, jwtSecret },
          smtpUrl: smtp.url,
          profileDir: noProfile ? undefined : profileDir,
          documentsDir: join(documentsDir, 'storage'),
        },
        children,
      );
      const { api, worker, apiUrl } = stack;
      await waitForHttp(`${baseUrl}/health`, baseline);
      const secretariat = { accessToken: stack.secretariatToken };

      // Whatever the worker does on its own at start (deadline scan, relay) is over before anything is timed.
      if (!(await settle(db))) say('the outbox still had events pending after a minute; measuring anyway');
      await sleep(1000);
      const pids: Record<string, number> = { api: api.pid, ...(worker ? { worker: worker.pid } : {}) };
      const idle = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, residentMb(pid)]));
      const peak: Record<string, number> = {};
      const peakByPhase: Record<string, Record<string, number>> = {};
      let phase = 'start';
      const underLoad = async <T>(work: () => Promise<T>) => {
        const mine: Record<string, number> = peakByPhase[phase] ?? {};
        peakByPhase[phase] = mine;
        const result = await peakResidentDuring(pids, work, mine);
        for (const [name, mb] of Object.entries(mine)) peak[name] = Math.max(peak[name] ?? 0, mb);
        return result;
      };

      const between = async (database: typeof db) => {
        if (!(await settle(database))) say('the last figure left statements running or events pending after a minute; measuring anyway');
      };

      // ---- GET /action-items/:id as an official ----------------------------------------------------------
      if (wants('item')) {
        const pairs = { rows: await itemReadPairs(db, 500) };
        const itemTargets = itemReadTargets(pairs.rows, tokenOf);
        const bareItemTargets = pairs.rows.map((p) => ({ path: `/action-items/${p.item_id}` }));
        const check = await fetch(`${apiUrl}${itemTargets[0].path}`, { headers: itemTargets[0].headers });
        if (check.status !== 200) throw new Error(`an official cannot read an item of their body (${check.status}): ${await check.text()}`);

        phase = 'item read';
        say('GET /action-items/:id: max throughput');
        const itemMax = await compare(apiUrl, itemTargets, baseUrl, bareItemTargets, underLoad);
        const halfRate = Math.floor(itemMax.baseline.rps / 2);
        say(`GET /action-items/:id: p99 at ${halfRate} req/s (half the baseline's max)`);
        const itemAtHalf = await compare(apiUrl, itemTargets, baseUrl, bareItemTargets, underLoad, halfRate);
        const itemRatio = ratio(itemMax.product.rps, itemMax.baseline.rps);
        const p99Ratio = ratio(itemAtHalf.product.p99, itemAtHalf.baseline.p99);
        rows.push(
          row(
            'GET /action-items/:id max throughput',
            perSecond(itemMax.product.rps),
            perSecond(itemMax.baseline.rps),
            itemRatio,
            '>= 0.60',
            itemRatio === null ? null : itemRatio >= 0.6,
          ),
          row(
            `GET /action-items/:id p99 at ${halfRate} req/s`,
            ms(itemAtHalf.product.p99),
            ms(itemAtHalf.baseline.p99),
            p99Ratio,
            '<= 2x',
            p99Ratio === null ? null : p99Ratio <= 2,
          ),
        );
        results.itemRead = { max: itemMax, atHalfBaselineMax: { rate: halfRate, ...itemAtHalf } };
        if (alwaysProfile || (!noProfile && ((itemRatio ?? 0) < 0.6 || (p99Ratio ?? 99) > 2)))
          profiles.itemRead = await profileDuring(api, profileDir, () => cannon({ url: apiUrl, targets: itemTargets, connections: CONNECTIONS, seconds: 3 }));
      }

      // ---- GET /action-items?bodyId= (a page of 50 with the total) -------------------------------------------
      const listPairs = { rows: await listPagePairs(db) };
      const listTargets = listPageTargets(listPairs.rows, tokenOf);
      if (wants('list')) {
        await between(db);
        const bareListTargets = listPairs.rows.map((p) => ({ path: `/action-items?bodyId=${p.body_id}&limit=50` }));
        const listCheck = await fetch(`${apiUrl}${listTargets[0].path}`, { headers: listTargets[0].headers });
        const listBody = (await listCheck.json()) as { items?: unknown[]; total?: number };
        if (listCheck.status !== 200 || listBody.items?.length !== Math.min(50, listBody.total ?? 0)) throw new Error(`the list answered ${listCheck.status}`);
        phase = 'list';
        say('GET /action-items?bodyId=: max throughput');
        const list = await compare(apiUrl, listTargets, baseUrl, bareListTargets, underLoad);
        const listRatio = ratio(list.product.rps, list.baseline.rps);
        rows.push(
          row(
            'GET /action-items?bodyId= (50 + total)',
            perSecond(list.product.rps),
            perSecond(list.baseline.rps),
            listRatio,
            '>= 0.60',
            listRatio === null ? null : listRatio >= 0.6,
          ),
        );
        results.list = { ...list, itemsPerPage: listBody.items?.length, total: listBody.total };
        if (alwaysProfile || (!noProfile && (listRatio ?? 0) < 0.6))
          profiles.list = await profileDuring(api, profileDir, () => cannon({ url: apiUrl, targets: listTargets, connections: CONNECTIONS, seconds: 3 }));
      }

      // ---- GET /search (the forum's full-text search, an official's scope) ------------------------------------
      if (wants('search')) {
        await between(db);
        const searchWords = ['shelter figures', 'weekly arrival', 'partner', 'meeting', 'report table'];
        const scopes = new Map<string, string[]>();
        for (const p of listPairs.rows) {
          if (!scopes.has(p.government_id)) {
            const { rows: seats } = await db.query<{ body_id: string }>(`SELECT body_id FROM membership WHERE government_id = $1 AND ended_at IS NULL`, [
              p.government_id,
            ]);
            scopes.set(
              p.government_id,
              seats.map((r) => r.body_id),
            );
          }
        }
        const searchTargets = listPairs.rows.map((p, i) => ({
          path: `/api/v1/search?q=${encodeURIComponent(searchWords[i % searchWords.length])}&limit=50`,
          headers: listTargets[i].headers,
        }));
        const bareSearchTargets = listPairs.rows.map((p, i) => ({
          path: `/search?q=${encodeURIComponent(searchWords[i % searchWords.length])}&scope=${scopes.get(p.government_id)!.join(',')}`,
        }));
        const searchCheck = await fetch(`${apiUrl}${searchTargets[0].path}`, { headers: searchTargets[0].headers });
        if (searchCheck.status !== 200) throw new Error(`the search answered ${searchCheck.status}`);
        phase = 'search';
        say('GET /search: max throughput, p50 and p99');
        const searched = await compare(apiUrl, searchTargets, baseUrl, bareSearchTargets, underLoad);
        const searchRatio = ratio(searched.product.p99, searched.baseline.p99);
        rows.push(
          row(
            'GET /search p50 / p99',
            `${ms(searched.product.p50)} / ${ms(searched.product.p99)}`,
            `${ms(searched.baseline.p50)} / ${ms(searched.baseline.p99)}`,
            searchRatio,
            'p99 <= 2x',
            searchRatio === null ? null : searchRatio <= 2,
          ),
        );
        results.search = searched;
      }

      // ---- public communiqués: JSON and the HTML page, anonymous, against the same bytes from memory --------
      if (wants('public')) {
        await between(db);
        const caching: Record<string, unknown> = {};
        for (const [name, path, contentType] of [
          ['public-json', '/api/v1/public/communiques', 'application/json; charset=utf-8'],
          ['public-html', '/en/communiques', 'text/html; charset=utf-8'],
        ] as const) {
          const first = await fetch(`${apiUrl}${path}`);
          const bytes = Buffer.from(await first.arrayBuffer());
          const etag = first.headers.get('etag');
          const lastModified = first.headers.get('last-modified');
          const conditional = etag ? await fetch(`${apiUrl}${path}`, { headers: { 'if-none-match': etag } }) : null;
          const since = lastModified ? await fetch(`${apiUrl}${path}`, { headers: { 'if-modified-since': lastModified } }) : null;
          caching[path] = {
            status: first.status,
            bytes: bytes.length,
            cacheControl: first.headers.get('cache-control'),
            etag,
            lastModified,
            ifNoneMatchStatus: conditional?.status ?? null,
            ifModifiedSinceStatus: since?.status ?? null,
          };
          await fetch(`${baseUrl}/static/${name}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ contentType: first.headers.get('content-type') ?? contentType, base64: bytes.toString('base64') }),
          });
          phase = path;
          say(`GET ${path}: max throughput (${bytes.length} bytes)`);
          const result = await compare(apiUrl, [{ path }], baseUrl, [{ path: `/static/${name}` }], underLoad);
          const r = ratio(result.product.rps, result.baseline.rps);
          rows.push(row(`GET ${path} (anonymous)`, perSecond(result.product.rps), perSecond(result.baseline.rps), r, '>= 0.80', r === null ? null : r >= 0.8));
          results[name] = result;
          if (alwaysProfile || (!noProfile && (r ?? 0) < 0.8))
            profiles[name] = await profileDuring(api, profileDir, () => cannon({ url: apiUrl, targets: [{ path }], connections: CONNECTIONS, seconds: 3 }));
        }
        results.caching = caching;
        for (const [path, c] of Object.entries(caching) as [
          string,
          {
            etag: string | null;
            lastModified: string | null;
            ifNoneMatchStatus: number | null;
            ifModifiedSinceStatus: number | null;
            cacheControl: string | null;
          },
        ][]) {
          notes.push(
            `${path}: cache-control ${c.cacheControl ?? 'none'}; ETag ${c.etag ? `yes (If-None-Match -> ${c.ifNoneMatchStatus})` : 'none'}; Last-Modified ${c.lastModified ? `yes (If-Modified-Since -> ${c.ifModifiedSinceStatus})` : 'none'}`,
          );
        }
      }

      // ---- PATCH under 200 concurrent officials: throughput, p99, lost updates --------------------------------
      const hot = { rows: await itemsInProgress(db, Math.ceil(PATCH_OFFICIALS / 4)) };
      const { officials: officialRows, byGovernment } = await officialsByGovernment(db);
      const officials = { rows: officialRows };
      if (wants('patch')) {
        await between(db);
        const stormers = patchCrew(hot.rows, byGovernment, PATCH_OFFICIALS, tokenOf);
        phase = 'patch';
        say(`PATCH /action-items/:id: ${stormers.length} officials on ${hot.rows.length} items for ${SECONDS + 2} s`);
        const storm = await underLoad(() => patchStorm(apiUrl, stormers, SECONDS + 2, `bench-${runId}`));
        const audit = await lostUpdates(db, hot.rows, storm.successes);
        rows.push(
          row(`PATCH /action-items/:id, ${storm.officials} officials`, `${storm.rps} ok/s`, '-', null, 'throughput', null),
          row('PATCH /action-items/:id p99', ms(storm.p99), '-', null, '-', null),
          row('PATCH lost updates', String(audit.lost), '-', null, '0', audit.lost === 0),
        );
        notes.push(
          `PATCH: ${storm.succeeded} accepted, ${storm.conflicts} refused with 409 and retried, ${storm.otherFailures} other failures (${JSON.stringify(storm.statusCounts)}); ` +
            `database: ${audit.recorded} kept updates for them, versions advanced by ${audit.versionAdvance}, ${audit.duplicateVersions} duplicate versions, ${audit.unexplained} writes no client saw accepted.`,
        );
        results.patch = { ...storm, successes: undefined, audit };
      }

      // ---- realtime: an HTTP update to its event on every entitled socket ------------------------------------
      let fanout: { product: FanoutResult; baseline: FanoutResult; relayMs: number | null; patchAnswerMs: number; breakdown: Record<string, number> } | null =
        null;
      const hasGateway = (await import('node:fs')).existsSync(join(ROOT, 'apps/api/src/realtime/realtime.gateway.ts'));
      if (!wants('realtime')) {
        // not asked for (--only)
      } else if (!hasGateway || !worker) {
        rows.push(
          row(
            'realtime: update -> every entitled socket, p99',
            `not measured: ${!hasGateway ? 'no realtime gateway in apps/api/src/realtime' : 'no worker to relay the outbox'}`,
            '-',
            null,
            '<= 2x',
            null,
          ),
        );
      } else {
        const bodies = await db.query<{ id: string }>(`SELECT id FROM body ORDER BY id LIMIT $1`, [REALTIME_BODIES]);
        const { bodiesOfGovernment, membersOfBody } = await currentMemberships(db);
        const socketUsers = Array.from({ length: SOCKETS }, (_, i) => officials.rows[i % officials.rows.length]);
        const roundItems = await db.query<{ id: string; body_id: string }>(
          `SELECT DISTINCT ON (body_id) id, body_id FROM action_item WHERE body_id = ANY($1) AND status = 'in_progress' AND NOT (id = ANY($2)) ORDER BY body_id, id`,
          [bodies.rows.map((b) => b.id), hot.rows.map((h) => h.id)],
        );
        await between(db);
        phase = 'realtime';
        say(`realtime: ${SOCKETS} sockets to the api, ${roundItems.rows.length} updates`);
        const productSockets = await connectSockets(
          apiUrl,
          socketUsers.map((u) => ({ governmentId: u.government_id, auth: { token: tokenOf({ id: u.id, email: u.email, governmentId: u.government_id }) } })),
        );
        sockets.push(...productSockets);
        await sleep(1000);
        const auth = { authorization: `Bearer ${secretariat.accessToken}`, 'content-type': 'application/json' };
        const answerMs: number[] = [];
        const productRounds: Round[] = roundItems.rows.map((item, r) => ({
          bodyId: item.body_id,
          memberGovernmentIds: membersOfBody.get(item.body_id) ?? new Set(),
          async send() {
            // The version is read first, outside the timing, by whoever writes: here the secretariat.
            const t0 = performance.now();
            const patch = await fetch(`${apiUrl}/api/v1/action-items/${item.id}`, {
              method: 'PATCH',
              headers: auth,
              body: JSON.stringify({ version: versions.get(item.id), description: `realtime round ${r}` }),
            });
            const body = (await patch.json()) as { version: number };
            answerMs.push(performance.now() - t0);
            if (patch.status !== 200) throw new Error(`realtime PATCH answered ${patch.status}: ${JSON.stringify(body)}`);
            return `${item.id}:${body.version}`;
          },
        }));
        const versions = new Map(
          (
            await db.query<{ id: string; version: number }>(`SELECT id, version FROM action_item WHERE id = ANY($1)`, [roundItems.rows.map((i) => i.id)])
          ).rows.map((r) => [r.id, r.version]),
        );
        // The realtime queue's own events say where the time goes between the relay and the sockets.
        const queueEvents = new QueueEvents(QUEUES.realtime, { connection: redisConnectionOptions(redisUrl), prefix: redisPrefix });
        await queueEvents.waitUntilReady();
        const seen: Record<'added' | 'active' | 'completed', number[]> = { added: [], active: [], completed: [] };
        for (const kind of ['added', 'active', 'completed'] as const) queueEvents.on(kind, () => seen[kind].push(performance.now()));
        const starts: number[] = [];
        for (const round of productRounds) {
          const send = round.send;
          round.send = () => (starts.push(performance.now()), send());
        }
        const product = await underLoad(() => measureFanout(productSockets, productRounds));
        await queueEvents.close();
        // Rounds run one after another with nothing else on the queue: the first event after a round's start is its own.
        const after = (list: number[], t: number) => list.find((x) => x >= t);
        const steps = starts.map((t0) => {
          const added = after(seen.added, t0);
          const active = added === undefined ? undefined : after(seen.active, added);
          const completed = active === undefined ? undefined : after(seen.completed, active);
          return {
            added: added === undefined ? NaN : added - t0,
            picked: added === undefined || active === undefined ? NaN : active - added,
            delivered: active === undefined || completed === undefined ? NaN : completed - active,
          };
        });
        const median = (f: (x: (typeof steps)[number]) => number) =>
          percentile(
            steps
              .map(f)
              .filter(Number.isFinite)
              .sort((a, b) => a - b),
            50,
          );
        const breakdown = { requestToQueueMs: median((x) => x.added), queueToApiMs: median((x) => x.picked), apiDeliveryMs: median((x) => x.delivered) };
        const relay = await db.query<{ ms: number | null }>(
          `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM relayed_at - created_at) * 1000) AS ms
             FROM outbox_event WHERE name = 'action-item.updated' AND payload->>'id' = ANY($1)`,
          [roundItems.rows.map((i) => i.id)],
        );
        closeSockets(productSockets);
        sockets.length = 0;

        say(`realtime: ${SOCKETS} sockets to the bare socket.io server`);
        const bareSockets = await connectSockets(
          baseUrl,
          socketUsers.map((u) => ({ governmentId: u.government_id, auth: { rooms: (bodiesOfGovernment.get(u.government_id) ?? []).map((b) => `body:${b}`) } })),
        );
        sockets.push(...bareSockets);
        await sleep(500);
        const bareRounds: Round[] = roundItems.rows.map((item, r) => ({
          bodyId: item.body_id,
          memberGovernmentIds: membersOfBody.get(item.body_id) ?? new Set(),
          async send() {
            const version = 100_000 + r;
            await fetch(`${baseUrl}/emit`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ rooms: [`body:${item.body_id}`], event: 'action-item.updated', payload: { id: item.id, bodyId: item.body_id, version } }),
            });
            return `${item.id}:${version}`;
          },
        }));
        const bare = await measureFanout(bareSockets, bareRounds);
        closeSockets(bareSockets);
        sockets.length = 0;
        const patchAnswerMs = percentile(
          [...answerMs].sort((a, b) => a - b),
          50,
        );
        fanout = { product, baseline: bare, relayMs: relay.rows[0]?.ms ?? null, patchAnswerMs, breakdown };
        const rtRatio = ratio(product.p99Ms, bare.p99Ms);
        rows.push(
          row('realtime: update -> entitled sockets, median', ms(product.medianMs), ms(bare.medianMs), ratio(product.medianMs, bare.medianMs), '-', null),
          row(
            'realtime: update -> entitled sockets, p99',
            ms(product.p99Ms),
            ms(bare.p99Ms),
            rtRatio,
            '<= 2x',
            rtRatio === null ? null : rtRatio <= 2 && product.missing === 0,
          ),
        );
        notes.push(
          `realtime: ${SOCKETS} sockets, ${product.rounds} updates in ${REALTIME_BODIES} bodies, ${product.deliveries} deliveries (${product.missing} missing, ${product.leaked} to sockets not entitled); ` +
            `of which the PATCH answer: median ${ms(patchAnswerMs)}, outbox commit -> relayed: median ${ms(fanout.relayMs)}; ` +
            `request -> job in the realtime queue ${ms(fanout.breakdown.requestToQueueMs)}, queued -> taken by the api ${ms(fanout.breakdown.queueToApiMs)}, taken -> emitted ${ms(fanout.breakdown.apiDeliveryMs)} (medians; the rest is the stream adapter and the sockets); ` +
            `last entitled socket per update: ${product.lastByRoundMs.join(', ')} ms; bare: ${bare.deliveries} deliveries, ${bare.missing} missing.`,
        );
      }
      results.realtime = fanout;

      // ---- notifications end to end to the SMTP sink, against a bare BullMQ no-op worker ---------------------
      if (wants('notifications')) await between(db);
      if (!wants('notifications')) {
        // not asked for (--only)
      } else if (!worker) {
        rows.push(row('notifications to SMTP', 'not measured: no apps/worker/src/main.ts', '-', null, '>= 0.30 and >= 1000/s', null));
      } else {
        const perGovernment = volume.officialsPerGovernment;
        const governments = [...byGovernment.keys()];
        const notifyJobs = Math.ceil(EMAILS / perGovernment);
        const expected = notifyJobs * perGovernment;
        const jobs = Array.from({ length: notifyJobs }, (_, i) => ({
          name: 'notify',
          jobId: `bench-notify-${runId}-${i}`,
          data: {
            eventId: `bench-${runId}-${i}`,
            notify: [
              {
                category: 'action_items',
                key: `bench:${runId}:${i}`,
                recipients: { governmentIds: [governments[i % governments.length]] },
                // ASCII marker in both languages, so the sink can tell the bench's emails from the product's own.
                subject: { en: `Action item assigned: bench-${runId} ${i}`, fr: `Mesure: bench-${runId} ${i}` },
                body: { en: 'Your government leads an action item.', fr: 'Votre gouvernement est responsable d’une mesure.' },
                link: '/action-items',
              },
            ],
          },
        }));
        // the same notifications under other ids and keys: a warm-up, the profile's run
        const copyOf = (list: typeof jobs, tag: string) =>
          list.map((j, i) => ({
            ...j,
            jobId: `${j.jobId}-${tag}`,
            data: { ...j.data, eventId: `${j.data.eventId}-${tag}`, notify: j.data.notify.map((n) => ({ ...n, key: `${n.key}:${tag}${i}` })) },
          }));
        const sink = smtp;
        // Warmed like the HTTP figures: a worker's first emails load and compile the code of the whole path (MIME,
        // templates, SMTP), which a worker that has sent anything before has done.
        const warmUp = copyOf(jobs.slice(0, 2), 'warm');
        const warmedAt = smtp.marked;
        await queueThroughput(
          redisUrl,
          redisPrefix,
          'notifications',
          warmUp,
          warmUp.length * perGovernment,
          async () => ({ done: sink.marked - warmedAt }),
          30_000,
        );
        await between(db);
        phase = 'notifications';
        say(`notifications: ${notifyJobs} notify jobs -> ${expected} emails to the SMTP sink`);
        const before = smtp.marked;
        const product = await underLoad(() =>
          queueThroughput(redisUrl, redisPrefix, 'notifications', jobs, expected, async () => ({ done: sink.marked - before, lastAt: sink.lastAt }), 90_000),
        );
        say(`notifications: ${expected} jobs through a bare BullMQ no-op worker`);
        const bareWorker = startTs('baseline-worker', 'bench/baseline-worker.ts', {
          REDIS_URL: redisUrl,
          REDIS_PREFIX: redisPrefix,
          BENCH_QUEUE: 'bench-noop',
          BENCH_CONCURRENCY: '5',
        });
        children.push(bareWorker);
        await waitForLine(bareWorker, 'baseline worker ready');
        const completed = async (queue: Queue) => (await queue.getJobCounts('completed')).completed ?? 0;
        const bareWarmUp = warmUp.length * perGovernment;
        await queueThroughput(
          redisUrl,
          redisPrefix,
          'bench-noop',
          Array.from({ length: bareWarmUp }, (_, i) => ({ name: 'noop', jobId: `noop-warm-${i}`, data: { i } })),
          bareWarmUp,
          async (queue) => ({ done: await completed(queue) }),
          30_000,
        );
        const bare = await queueThroughput(
          redisUrl,
          redisPrefix,
          'bench-noop',
          Array.from({ length: expected }, (_, i) => ({ name: 'noop', jobId: `noop-${i}`, data: { i } })),
          expected,
          async (queue) => ({ done: (await completed(queue)) - bareWarmUp }),
          60_000,
        );
        await bareWorker.stop();
        // when the emails arrived, from the moment the jobs were added: the fan-out's delay, then the sending's pace
        const arrivals = smtp.markedAt.slice(smtp.markedAt.length - product.done).map((at) => Math.round(at - product.startedAt));
        const arrivalAt = (share: number) => arrivals[Math.min(arrivals.length - 1, Math.floor(arrivals.length * share))];
        const floor = await smtpSendFloorMs(smtp.url);
        const nRatio = ratio(product.jobsPerSecond, bare.jobsPerSecond);
        const met = nRatio === null ? null : nRatio >= 0.3 && product.jobsPerSecond >= 1000;
        rows.push(
          row('notifications -> SMTP sink (emails/s)', `${product.jobsPerSecond} jobs/s`, `${bare.jobsPerSecond} jobs/s`, nRatio, '>= 0.30 and >= 1000/s', met),
        );
        notes.push(
          `notifications: ${product.done}/${expected} emails in ${product.seconds} s (email worker concurrency ${EMAIL_CONCURRENCY}, a pooled SMTP transport of ${SMTP_CONNECTIONS} connections: the product's defaults, EMAIL_CONCURRENCY and SMTP_MAX_CONNECTIONS); bare no-op: ${bare.done} jobs in ${bare.seconds} s; ` +
            (arrivals.length
              ? `emails arrived ${arrivalAt(0)} ms (first), ${arrivalAt(0.1)} ms (10%), ${arrivalAt(0.5)} ms (half), ${arrivalAt(0.9)} ms (90%) after the jobs were added; `
              : '') +
            `through the product's transport one email sent alone to the same sink takes ${floor.unpooledMs} ms on a new connection (${floor.pooledMs} ms over an open one), so SMTP alone would allow ${Math.round((SMTP_CONNECTIONS * 1000) / floor.pooledMs)}/s.`,
        );
        results.notifications = { product, baseline: bare, smtpSendFloor: floor };
        if (alwaysProfile || (!noProfile && met === false)) {
          const more = copyOf(jobs.slice(0, alwaysProfile ? jobs.length : Math.max(1, Math.ceil(jobs.length / 6))), 'profile');
          const target = more.length * perGovernment;
          const at = smtp.marked;
          profiles.notifications = await profileDuring(worker, profileDir, () =>
            queueThroughput(redisUrl, redisPrefix, 'notifications', more, target, async () => ({ done: sink.marked - at, lastAt: sink.lastAt }), 30_000),
          );
        }
      }

      // ---- a 50 MiB document upload, streamed from disk: the api's peak resident memory -------------------
      if (wants('upload')) {
        await between(db);
        const bigFile = join(documentsDir, 'fifty-mib.pdf');
        // a PDF header, then incompressible bytes: what is measured is the streaming, not the parsing
        writeFileSync(bigFile, Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(50 * 1024 * 1024 - 16)]));
        const {
          rows: [body],
        } = await db.query<{ id: string }>(`SELECT id FROM body ORDER BY id LIMIT 1`);
        phase = 'upload';
        say("a 50 MiB document upload: the api's peak resident memory");
        const before = residentMb(api.pid);
        const uploadPeak: Record<string, number> = {};
        const t0 = performance.now();
        const uploaded = await peakResidentDuring(
          { api: api.pid },
          async () => {
            const form = new FormData();
            form.append('title', `Fifty MiB ${runId}`);
            form.append('file', await openAsBlob(bigFile, { type: 'application/pdf' }), 'fifty-mib.pdf');
            const res = await fetch(`${apiUrl}/api/v1/bodies/${body.id}/documents`, {
              method: 'POST',
              headers: { authorization: `Bearer ${secretariat.accessToken}` },
              body: form,
            });
            return { status: res.status, text: res.status === 201 ? '' : await res.text() };
          },
          uploadPeak,
        );
        const uploadMs = performance.now() - t0;
        for (const [name, mb] of Object.entries(uploadPeak)) peak[name] = Math.max(peak[name] ?? 0, mb);
        const grew = uploadPeak.api && before ? Math.round((uploadPeak.api - before) * 10) / 10 : null;
        rows.push(
          row(
            'upload of 50 MiB: api peak RSS (growth)',
            uploaded.status === 201
              ? `${uploadPeak.api ?? '-'} MB (+${grew ?? '-'} MB) in ${ms(uploadMs)}`
              : `failed: ${uploaded.status} ${uploaded.text.slice(0, 120)}`,
            before ? `${before} MB before` : '-',
            null,
            'growth < 50 MB (streamed)',
            uploaded.status === 201 && grew !== null ? grew < 50 : null,
          ),
        );
        results.upload = { status: uploaded.status, peakMb: uploadPeak, beforeMb: before, ms: uploadMs };
      }

      rows.push(
        row('api resident memory, idle / under load', `${idle.api ?? '-'} MB / ${peak.api ?? '-'} MB`, '-', null, '-', null),
        row(
          'worker resident memory, idle / under load',
          worker ? `${idle.worker ?? '-'} MB / ${peak.worker ?? '-'} MB` : 'not measured: no worker',
          '-',
          null,
          '-',
          null,
        ),
      );
      results.memoryMb = { idle, peakUnderLoad: peak, peakByPhase };
      notes.push(
        `peak resident memory by load: ${Object.entries(peakByPhase)
          .map(
            ([p, m]) =>
              `${p} ${Object.entries(m)
                .map(([n, mb]) => `${n} ${mb} MB`)
                .join(' ')}`,
          )
          .join('; ')}`,
      );
    } finally {
      await db.end();
    }
  } catch (error) {
    for (const child of children)
      say(`last lines of ${child.name} (exit ${child.process.exitCode ?? child.process.signalCode ?? 'running'}):\n${child.tail.slice(-15).join('\n')}`);
    throw error;
  } finally {
    closeSockets(sockets);
    for (const child of children.reverse()) await child.stop().catch(() => undefined);
    await smtp?.close().catch(() => undefined);
    await clearRedis(redisUrl, redisPrefix).catch(() => undefined);
    if (args.includes('--keep-database')) say(`database ${database?.name} kept (--keep-database): drop it yourself`);
    else await database?.drop().catch((e: Error) => say(`could not drop ${database?.name}: ${e.message}`));
    if (alwaysProfile) console.log(`CPU profiles kept in ${profileDir}`);
    else rmSync(profileDir, { recursive: true, force: true });
    rmSync(documentsDir, { recursive: true, force: true });
  }

  results.rows = rows;
  results.notes = notes;
  results.profiles = profiles;
  results.seconds = Math.round((Date.now() - started) / 1000);
  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));

  console.log(
    `\nForum benchmark${quick ? ' (--quick)' : ''}: ${volume.actionItems} action items, ${volume.actionItems * volume.updatesPerItem} updates, ${volume.meetings} meetings, ${volume.communiques} communiqués; ${results.seconds} s\n`,
  );
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end (other work on the machine skews both sides alike)\n`,
  );
  console.log(renderTable(rows));
  console.log('');
  for (const note of notes) console.log(`- ${note}`);
  for (const [figure, profile] of Object.entries(profiles)) {
    if (!profile) continue;
    console.log(
      `\nWhere the time goes (${figure}: CPU profile of the ${figure === 'notifications' ? 'worker' : 'api'}, busy ${profile.busyPercent}% of the time; self time of the busy samples):`,
    );
    console.log(`  by owner: ${profile.byOwner.map((o) => `${o.owner} ${o.percent}%`).join(', ')}`);
    for (const f of profile.topFrames.slice(0, 8)) console.log(`  ${String(f.percent).padStart(5)}%  ${f.frame}`);
    console.log('  charged to the nearest function of ours up the stack:');
    for (const f of profile.underOurCode.slice(0, 6)) console.log(`  ${String(f.percent).padStart(5)}%  ${f.frame}`);
  }
  console.log(`\nresults: ${file}`);
}

function row(figure: string, value: string, baseline: string, r: number | null, target: string, ok: boolean | null): Row {
  return { figure, value, baseline, ratio: r === null ? '-' : String(r), target, verdict: verdict(ok) };
}

/** The same load against the product and the baseline, each after the same warm-up. */
async function compare(
  apiUrl: string,
  targets: { path: string; headers?: Record<string, string> }[],
  baseUrl: string,
  bareTargets: { path: string; headers?: Record<string, string> }[],
  underLoad: <T>(work: () => Promise<T>) => Promise<T>,
  overallRate?: number,
): Promise<{ product: LoadResult; baseline: LoadResult }> {
  const load = { connections: CONNECTIONS, ...(overallRate ? { overallRate } : {}) };
  const baselineWarm = await warm({ url: baseUrl, targets: bareTargets, ...load }, overallRate ? 1 : 2);
  const baseline = await cannon({ url: baseUrl, targets: bareTargets, seconds: SECONDS, ...load });
  const productWarm = await warm({ url: apiUrl, targets, ...load }, overallRate ? 1 : 2);
  const product = await underLoad(() => cannon({ url: apiUrl, targets, seconds: SECONDS, ...load }));
  for (const [side, r, warmed] of [
    ['product', product, productWarm],
    ['baseline', baseline, baselineWarm],
  ] as const) {
    say(
      `  ${side.padEnd(8)} ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx and ${r.errors} errors of ${r.requests}` : ''} (warmed by ${warmed.requests} requests in ${warmed.seconds} s)`,
    );
  }
  return { product, baseline };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    console.error('[bench] failed:', error instanceof Error ? `${error.message}${cause}\n${error.stack}` : error);
    process.exit(1);
  },
);
