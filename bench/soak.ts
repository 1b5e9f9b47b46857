/*
 * npm run soak [-- --minutes N] [-- --quick]: the product under a steady, bounded, mixed load for N minutes
 * (default 10), sampled every 30 s, to show that memory, open handles and connections do not grow
 * (issue 8, item 5). See bench/README.md. Exits 1 on growth or if the load itself went wrong; leaves nothing
 * behind (processes stopped, database dropped, the run's Redis keys cleared).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { migrateDatabase, redisConnectionOptions } from '@forum/core';
import { BenchDatabase, createBenchDatabase } from './bench-database';
import { Child, residentMb, ROOT, sleep } from './child-processes';
import { judgeGrowth, Tolerance } from './growth.rule';
import { cannon, LoadResult, lostUpdates, patchStorm } from './http-load';
import {
  currentMemberships,
  HotItem,
  itemReadPairs,
  itemReadTargets,
  itemsInProgress,
  listPagePairs,
  listPageTargets,
  officialsByGovernment,
  patchCrew,
  Target,
} from './load-targets';
import { startSmtpSink, SmtpSink } from './notification-load';
import { fdCount, probe, ProbeAnswer, tcpSocketsOf } from './process-resources';
import { clearRedis, newRunIdentity, Official, settle, signToken, startProduct } from './product-stack';
import { BenchSocket, closeSockets, connectSockets } from './realtime-load';
import { FULL_VOLUME, loadVolume, QUICK_VOLUME } from './volume-loader';

const args = (process.env.BENCH_ARGS ?? '').split(/\s+/).filter(Boolean).concat(process.argv.slice(2));
const quick = args.includes('--quick');
const minutesArg = args.indexOf('--minutes');
const minutes = minutesArg >= 0 ? Number(args[minutesArg + 1]) : 10;
if (!Number.isFinite(minutes) || minutes < 1.5) {
  console.error('--minutes takes a number of minutes, at least 1.5 (three 30 s samples: warm-up, middle, last)');
  process.exit(2);
}
const volume = quick ? QUICK_VOLUME : FULL_VOLUME;

const WINDOW_SECONDS = 30;
/** the sample is taken inside the window, while every load runs, not as one load ends and the next begins */
const SAMPLE_AT_SECONDS = 25;
const WINDOWS = Math.round((minutes * 60) / WINDOW_SECONDS);
/*
 * The steady load. Every rate is a small fraction of what `npm run bench` measures on this 2-core machine
 * (item reads ~1,300/s, list pages ~300/s, public pages ~2,600/s, PATCHes ~60 accepted/s under contention,
 * emails ~30/s with unpooled SMTP), so the soak watches the product idle between requests, not queueing:
 * growth seen here is retention, not backlog.
 */
const READ_RATE = 50; // requests/s over all connections: half item reads, a fifth list pages, the rest public pages
const READ_CONNECTIONS = 8;
const PATCH_OFFICIALS = 16; // four per item, so some PATCHes meet a 409 and retry with a fresh read
const PATCH_ITEMS = 4;
const PATCH_PAUSE_MS = 2500; // each official rests 1.25-3.75 s after a write: about 6 writes/s in all
const ASSIGN_EVERY_MS = 1000; // the secretariat reassigns an item each second…
const ASSIGN_ITEMS = 4;
const RESPONSIBLE = 3; // …to three officials of its lead government: three emails a second to the sink
const SOCKETS = 300;

/*
 * What is growth, per series (see judgeGrowth): the last third's mean above the second third's by more than this.
 * - Memory: +10%. RSS and the live heap breathe with the collector and the allocator by a few percent between
 *   samples of a steady load; a leak that matters (requests or sockets retained) adds that much within minutes
 *   at 50-plus requests a second, and keeps adding.
 * - Counts (descriptors, handles, connections): +2. A pool may open a connection for a burst and keep it until
 *   it idles out, and a descriptor may be caught mid-close; a leak opens one per request, event or email and
 *   shows as dozens per window. Client connections (the load's own sockets) are left out of these counts.
 */
const MEMORY: Tolerance = { relative: 0.1 };
const COUNT: Tolerance = { absolute: 2 };

const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = newRunIdentity('soak');
const marker = `soak-${run.runId}`;

const started = Date.now();
const say = (message: string) => process.stdout.write(`[soak ${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s] ${message}\n`);
const tokenOf = (u: Official) => signToken(run.jwtSecret, u);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!stopping) say(`${signal}: finishing the current window, then cleaning up`);
    stopping = true;
  });
}

interface ProcessSample {
  rssMb: number | null;
  heapMb: number | null;
  fds: number | null;
  /** established connections of the load's clients to the api: set by the load, left out of the judged counts */
  clients: number;
  closeWait: number;
  handles: number | null;
  pg: number;
  redis: number;
  resources: Record<string, number>;
}

interface Sample {
  window: number;
  atSeconds: number;
  processes: Record<string, ProcessSample>;
  pgByApplication: Record<string, number>;
  redisConnectedClients: number | null;
  load: WindowLoad | null;
}

interface WindowLoad {
  reads: LoadResult;
  writesOk: number;
  writeConflicts: number;
  writeOther: number;
  writeP99: number;
  assigned: number;
  emails: number;
  socketEvents: number;
}

async function main(): Promise<number> {
  const children: Child[] = [];
  const sockets: BenchSocket[] = [];
  let smtp: SmtpSink | null = null;
  let database: BenchDatabase | null = null;
  let db: Client | null = null;
  let redis: Redis | null = null;
  const samples: Sample[] = [];
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
    db = new Client({ connectionString: database.url, application_name: 'forum-soak' });
    await db.connect();
    redis = new Redis({ ...redisConnectionOptions(redisUrl), retryStrategy: () => null });
    smtp = await startSmtpSink(marker);

    say('starting the api and the worker…');
    const product = await startProduct({ databaseUrl: database.url, redisUrl, run, smtpUrl: smtp.url, probe: true }, children);
    if (!product.worker) throw new Error('no apps/worker/src/main.ts: the soak needs the worker (outbox relay, notifications, email)');
    const watched: Record<string, Child> = { api: product.api, worker: product.worker };
    if (!(await settle(db))) say('the outbox still had events pending after a minute; starting anyway');

    // ---- the load's cast ----------------------------------------------------------------------------------
    const { officials, byGovernment } = await officialsByGovernment(db);
    const { membersOfBody } = await currentMemberships(db);
    const items = itemReadTargets(await itemReadPairs(db, 200), tokenOf);
    const lists = listPageTargets(await listPagePairs(db), tokenOf);
    const published = await db.query<{ id: string }>(`SELECT id FROM communique WHERE status = 'published' ORDER BY published_at DESC LIMIT 25`);
    const publicPages: Target[] = [
      { path: '/api/v1/public/communiques' },
      { path: '/api/v1/public/communiques.atom' },
      { path: '/en/communiques' },
      { path: '/fr/communiques' },
      ...published.rows.flatMap((c) => [
        { path: `/en/communiques/${c.id}` },
        { path: `/fr/communiques/${c.id}` },
        { path: `/api/v1/public/communiques/${c.id}` },
      ]),
    ];
    const reads = mixReads(items, lists, publicPages);
    for (const target of [items[0], lists[0], ...publicPages.slice(0, 5)]) {
      const answer = await fetch(`${product.apiUrl}${target.path}`, { headers: target.headers });
      if (answer.status !== 200) throw new Error(`GET ${target.path} answered ${answer.status}: ${await answer.text()}`);
    }

    const patchItems = await itemsInProgress(db, PATCH_ITEMS);
    const crew = patchCrew(patchItems, byGovernment, PATCH_OFFICIALS, tokenOf);
    const assignItems = await itemsInProgress(
      db,
      ASSIGN_ITEMS,
      patchItems.map((i) => i.id),
    );
    const bodyOfItem = new Map([...patchItems, ...assignItems].map((i) => [i.id, i.body_id]));
    const secretariat = { authorization: `Bearer ${product.secretariatToken}`, 'content-type': 'application/json' };
    const assigner = new Assigner(product.apiUrl, secretariat, assignItems, byGovernment);

    say(`connecting ${SOCKETS} sockets…`);
    const socketUsers = Array.from({ length: SOCKETS }, (_, i) => officials[i % officials.length]);
    sockets.push(
      ...(await connectSockets(
        product.apiUrl,
        socketUsers.map((u) => ({ governmentId: u.government_id, auth: { token: tokenOf({ id: u.id, email: u.email, governmentId: u.government_id }) } })),
      )),
    );
    let disconnects = 0;
    for (const s of sockets) s.socket.on('disconnect', () => disconnects++);
    const deliveries = { received: 0, leaked: 0, unknown: 0 };
    /** Counts the events the sockets hold and forgets them, so 10 minutes of events do not pile up in the soak itself. */
    const collectDeliveries = () => {
      let n = 0;
      for (const s of sockets) {
        for (const key of s.arrivals.keys()) {
          const body = bodyOfItem.get(key.split(':')[0]);
          if (!body) deliveries.unknown++;
          else if (membersOfBody.get(body)?.has(s.governmentId)) deliveries.received++;
          else deliveries.leaked++;
          n++;
        }
        s.arrivals.clear();
      }
      return n;
    };

    let loadStarted = Date.now();
    const pgPort = Number(new URL(database.url).port || 5432);
    const redisPort = Number(new URL(redisUrl).port || 6379);
    const sample = async (window: number, load: WindowLoad | null): Promise<Sample> => {
      const activity = await db!.query<{ application_name: string; client_port: number | null }>(
        `SELECT application_name, client_port FROM pg_stat_activity WHERE datname = $1`,
        [database!.name],
      );
      const pgByApplication: Record<string, number> = {};
      for (const a of activity.rows) pgByApplication[a.application_name || '(none)'] = (pgByApplication[a.application_name || '(none)'] ?? 0) + 1;
      const clientList = String(await redis!.client('LIST'));
      const redisClientPorts = clientList
        .split('\n')
        .map((line) => /(?:^| )addr=[^ ]*:(\d+)/.exec(line)?.[1])
        .filter((p): p is string => Boolean(p))
        .map(Number);
      const info = String(await redis!.info('clients'));
      const connected = /connected_clients:(\d+)/.exec(info);
      const processes: Record<string, ProcessSample> = {};
      for (const [name, child] of Object.entries(watched)) {
        const rssMb = residentMb(child.pid);
        const fds = fdCount(child.pid);
        const tcp = tcpSocketsOf(child.pid);
        const clients = tcp.filter((s) => s.localPort === product.apiPort && s.state === 'ESTABLISHED').length;
        // Charged by port, as the servers see them: a connection counts once the server has it, not while it dials.
        const pgPorts = new Set(tcp.filter((s) => s.remotePort === pgPort).map((s) => s.localPort));
        const redisPorts = new Set(tcp.filter((s) => s.remotePort === redisPort).map((s) => s.localPort));
        const probed: ProbeAnswer | null = await probe(child);
        const handles = probed ? Object.values(probed.resources).reduce((a, b) => a + b, 0) : null;
        processes[name] = {
          rssMb,
          heapMb: probed?.heapUsedMb ?? null,
          fds,
          clients,
          closeWait: tcp.filter((s) => s.state === 'CLOSE_WAIT').length,
          handles,
          pg: activity.rows.filter((a) => a.client_port !== null && pgPorts.has(a.client_port)).length,
          redis: redisClientPorts.filter((p) => redisPorts.has(p)).length,
          resources: probed?.resources ?? {},
        };
      }
      return {
        window,
        atSeconds: Math.round((Date.now() - loadStarted) / 1000),
        processes,
        pgByApplication,
        redisConnectedClients: connected ? Number(connected[1]) : null,
        load,
      };
    };

    const idle = await sample(0, null);
    say(`idle: ${describe(idle)}`);

    // ---- the soak: WINDOWS windows of 30 s, each sampled 25 s in --------------------------------------------
    say(
      `soaking ${minutes} min (${WINDOWS} windows of ${WINDOW_SECONDS} s): ${READ_RATE} reads/s on ${READ_CONNECTIONS} connections, ` +
        `${PATCH_OFFICIALS} officials PATCHing ${PATCH_ITEMS} items (rest ${PATCH_PAUSE_MS} ms), a reassignment every ${ASSIGN_EVERY_MS} ms (${RESPONSIBLE} emails), ${SOCKETS} sockets`,
    );
    loadStarted = Date.now();
    const successes = new Map<string, { description: string; version: number }[]>();
    let writes = 0;
    for (let w = 1; w <= WINDOWS && !stopping; w++) {
      const emailsBefore = smtp.marked;
      const assignedBefore = assigner.succeeded;
      const taken: { sample?: Promise<Sample> } = {};
      const [readResult, storm] = await Promise.all([
        cannon({ url: product.apiUrl, targets: reads, connections: READ_CONNECTIONS, seconds: WINDOW_SECONDS, overallRate: READ_RATE }),
        patchStorm(product.apiUrl, crew, WINDOW_SECONDS, `${marker}-w${w}`, { pauseMs: PATCH_PAUSE_MS }),
        assigner.run(WINDOW_SECONDS * 1000, ASSIGN_EVERY_MS),
        sleep(SAMPLE_AT_SECONDS * 1000).then(() => {
          taken.sample = sample(w, null);
        }),
      ]);
      for (const [itemId, list] of storm.successes) successes.set(itemId, [...(successes.get(itemId) ?? []), ...list]);
      writes += storm.succeeded;
      const load: WindowLoad = {
        reads: readResult,
        writesOk: storm.succeeded,
        writeConflicts: storm.conflicts,
        writeOther: storm.otherFailures,
        writeP99: storm.p99,
        assigned: assigner.succeeded - assignedBefore,
        emails: smtp.marked - emailsBefore,
        socketEvents: collectDeliveries(),
      };
      const s = await taken.sample!;
      s.load = load;
      samples.push(s);
      say(`window ${w}/${WINDOWS}: ${describe(s)}`);
      for (const child of Object.values(watched))
        if (child.process.exitCode !== null) throw new Error(`${child.name} exited (${child.process.exitCode}):\n${child.tail.join('\n')}`);
    }

    // ---- drain, then check that the load did what it claims ------------------------------------------------
    say('load stopped; draining the outbox, the emails and the sockets…');
    await settle(db, 30_000);
    const expectedEmails = assigner.succeeded * RESPONSIBLE;
    for (let i = 0; i < 300 && smtp.marked < expectedEmails; i++) await sleep(100);
    await sleep(2000);
    collectDeliveries();
    const audit = await lostUpdates(db, patchItems, successes);
    let expectedDeliveries = 0;
    const entitledSockets = (itemId: string) => sockets.filter((s) => membersOfBody.get(bodyOfItem.get(itemId)!)?.has(s.governmentId)).length;
    for (const [itemId, list] of successes) expectedDeliveries += list.length * entitledSockets(itemId);
    for (const [itemId, n] of assigner.byItem) expectedDeliveries += n * entitledSockets(itemId);

    const totals = {
      reads: samples.reduce((n, s) => n + (s.load?.reads.requests ?? 0), 0),
      readFailures: samples.reduce((n, s) => n + (s.load ? s.load.reads.non2xx + s.load.reads.errors + s.load.reads.timeouts : 0), 0),
      writes,
      writeOther: samples.reduce((n, s) => n + (s.load?.writeOther ?? 0), 0),
      assigned: assigner.succeeded,
      assignFailures: assigner.failed,
      emails: smtp.marked,
      expectedEmails,
      socketDeliveries: deliveries.received,
      expectedDeliveries,
      leaked: deliveries.leaked,
      disconnects,
      lostUpdates: audit.lost,
    };
    const faults = [
      totals.readFailures && `${totals.readFailures} reads failed (non-2xx, errors or timeouts)`,
      totals.writeOther && `${totals.writeOther} PATCHes failed other than 409`,
      totals.assignFailures && `${totals.assignFailures} reassignments failed`,
      audit.lost && `${audit.lost} lost updates`,
      totals.emails < expectedEmails && `${expectedEmails - totals.emails} of ${expectedEmails} emails never reached the sink`,
      totals.socketDeliveries < expectedDeliveries && `${expectedDeliveries - totals.socketDeliveries} of ${expectedDeliveries} socket deliveries missing`,
      deliveries.leaked && `${deliveries.leaked} events reached sockets not entitled to them`,
      disconnects && `${disconnects} sockets were disconnected`,
    ].filter((f): f is string => Boolean(f));

    // ---- the verdicts ---------------------------------------------------------------------------------------
    const series: { name: string; values: (number | null)[]; tolerance: Tolerance; judged: boolean }[] = [];
    for (const name of Object.keys(watched)) {
      const of = (f: (p: ProcessSample) => number | null) => samples.map((s) => f(s.processes[name]));
      series.push(
        { name: `${name} RSS (MB)`, values: of((p) => p.rssMb), tolerance: MEMORY, judged: true },
        { name: `${name} live heap after GC (MB)`, values: of((p) => p.heapMb), tolerance: MEMORY, judged: true },
        {
          name: `${name} open fds, client connections left out`,
          values: of((p) => (p.fds === null ? null : p.fds - p.clients)),
          tolerance: COUNT,
          judged: true,
        },
        {
          name: `${name} active handles, client sockets left out`,
          values: of((p) => (p.handles === null ? null : p.handles - p.clients)),
          tolerance: COUNT,
          judged: true,
        },
        { name: `${name} Postgres connections`, values: of((p) => p.pg), tolerance: COUNT, judged: true },
        { name: `${name} Redis connections`, values: of((p) => p.redis), tolerance: COUNT, judged: true },
      );
    }
    const applications = [...new Set(samples.flatMap((s) => Object.keys(s.pgByApplication)))].sort();
    for (const app of applications) {
      series.push({
        name: `pg_stat_activity application_name=${app}`,
        values: samples.map((s) => s.pgByApplication[app] ?? 0),
        tolerance: COUNT,
        judged: true,
      });
    }
    // The Redis server is shared with whoever else uses it (test suites, other runs): shown, but it cannot condemn
    // the product; the per-process counts above are ours alone.
    series.push({ name: 'Redis connected_clients (whole server)', values: samples.map((s) => s.redisConnectedClients), tolerance: COUNT, judged: false });

    const verdicts = series.map((s) => ({ ...s, verdict: judgeGrowth(s.values, s.tolerance) }));
    const grew = verdicts.filter((v) => v.judged && v.verdict.grew);

    console.log(
      `\nForum soak${quick ? ' (--quick)' : ''}: ${minutes} min, ${samples.length} samples every ${WINDOW_SECONDS} s; ${volume.actionItems} action items; machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
    console.log(sampleTable([idle, ...samples]));
    console.log(
      `\nload: ${totals.reads} reads (${totals.readFailures} failed), ${totals.writes} PATCHes accepted (${totals.writeOther} failed otherwise; lost updates ${audit.lost}), ` +
        `${totals.assigned} reassignments -> ${totals.emails}/${expectedEmails} emails at the sink, ${totals.socketDeliveries}/${expectedDeliveries} socket deliveries (${deliveries.leaked} leaked, ${disconnects} disconnects)\n`,
    );
    console.log(verdictTable(verdicts));
    const results = {
      startedAt: new Date(started).toISOString(),
      quick,
      minutes,
      volume,
      rates: { READ_RATE, PATCH_OFFICIALS, PATCH_PAUSE_MS, ASSIGN_EVERY_MS, RESPONSIBLE, SOCKETS },
      idle,
      samples,
      verdicts,
      totals,
      audit,
      faults,
    };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(results, null, 2));
    console.log(`\nresults: ${file}`);
    if (stopping) console.log('\nstopped early: the verdicts judge fewer samples than asked');
    for (const fault of faults) console.log(`LOAD FAULT: ${fault}`);
    if (grew.length) console.log(`\nGROWTH in ${grew.map((g) => g.name).join('; ')}`);
    else console.log(`\nno growth in ${verdicts.filter((v) => v.judged).length} judged series`);
    return grew.length || faults.length ? 1 : 0;
  } catch (error) {
    for (const child of children)
      say(`last lines of ${child.name} (exit ${child.process.exitCode ?? child.process.signalCode ?? 'running'}):\n${child.tail.slice(-15).join('\n')}`);
    throw error;
  } finally {
    closeSockets(sockets);
    for (const child of children.reverse()) await child.stop().catch(() => undefined);
    await smtp?.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    redis?.disconnect();
    await clearRedis(redisUrl, run.redisPrefix).catch((e: Error) => say(`could not clear the Redis prefix ${run.redisPrefix}: ${e.message}`));
    await database?.drop().catch((e: Error) => say(`could not drop ${database?.name}: ${e.message}`));
    say('cleaned up: processes stopped, database dropped, Redis prefix cleared');
  }
}

/** Half item reads, a fifth list pages, the rest public pages, interleaved so every second of load has the same mix. */
function mixReads(items: Target[], lists: Target[], publicPages: Target[]): Target[] {
  const mix: Target[] = [];
  const next = { items: 0, lists: 0, publicPages: 0 };
  for (let i = 0; i < 1000; i++) {
    const slot = i % 10;
    if (slot < 5) mix.push(items[next.items++ % items.length]);
    else if (slot < 7) mix.push(lists[next.lists++ % lists.length]);
    else mix.push(publicPages[next.publicPages++ % publicPages.length]);
  }
  return mix;
}

/**
 * The secretariat hands items to three officials of the lead government in turn: each accepted PATCH notifies
 * them (notification rows, then one email each) and emits `action-item.updated` to the body's sockets. The
 * title carries the run's marker so the SMTP sink counts these emails and no others.
 */
class Assigner {
  succeeded = 0;
  failed = 0;
  readonly byItem = new Map<string, number>();
  private turn = 0;
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly apiUrl: string,
    private readonly headers: Record<string, string>,
    private readonly items: HotItem[],
    private readonly byGovernment: Map<string, Official[]>,
  ) {
    for (const item of items) this.versions.set(item.id, item.version);
  }

  async run(forMs: number, everyMs: number): Promise<void> {
    const deadline = Date.now() + forMs;
    while (Date.now() + everyMs <= deadline) {
      const next = sleep(everyMs);
      await this.assignOnce().catch(() => this.failed++);
      await next;
    }
  }

  private async assignOnce(): Promise<void> {
    const turn = this.turn++;
    const item = this.items[turn % this.items.length];
    const pool = this.byGovernment.get(item.lead_government_id)!;
    const responsible = Array.from({ length: RESPONSIBLE }, (_, k) => pool[(turn + k) % pool.length].id);
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await fetch(`${this.apiUrl}/api/v1/action-items/${item.id}`, {
        method: 'PATCH',
        headers: this.headers,
        body: JSON.stringify({ version: this.versions.get(item.id), title: `${marker} item ${turn}`, responsibleUserIds: responsible }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await answer.json()) as { version?: number };
      if (answer.status === 200) {
        this.versions.set(item.id, body.version!);
        this.succeeded++;
        this.byItem.set(item.id, (this.byItem.get(item.id) ?? 0) + 1);
        return;
      }
      if (answer.status !== 409) break;
      const read = await fetch(`${this.apiUrl}/api/v1/action-items/${item.id}`, { headers: this.headers });
      this.versions.set(item.id, ((await read.json()) as { version: number }).version);
    }
    this.failed++;
  }
}

function describe(s: Sample): string {
  const p = (name: string) => {
    const x = s.processes[name];
    return `${name} ${x.rssMb} MB (heap ${x.heapMb}), ${x.fds} fds, ${x.handles} handles, pg ${x.pg}, redis ${x.redis}`;
  };
  const load = s.load ? `; ${s.load.reads.rps} reads/s, ${s.load.writesOk} PATCHes, ${s.load.emails} emails, ${s.load.socketEvents} socket events` : '';
  return `${p('api')}; ${p('worker')}${load}`;
}

function table(head: string[], rows: string[][]): string {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(width[i]))
      .join(' | ')
      .trimEnd();
  return [line(head), width.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)].join('\n');
}

function sampleTable(samples: Sample[]): string {
  const head = [
    't (s)',
    'api RSS/heap MB',
    'api fds (clients)',
    'api handles',
    'api pg/redis',
    'worker RSS/heap MB',
    'worker fds',
    'worker handles',
    'worker pg/redis',
    'pg by application_name',
    'redis clients',
    'reads/s (p99 ms)',
    'PATCH ok/409',
    'emails',
    'socket events',
  ];
  const rows = samples.map((s) => {
    const api = s.processes.api;
    const worker = s.processes.worker;
    return [
      s.load ? String(s.atSeconds) : 'idle',
      `${api.rssMb}/${api.heapMb}`,
      `${api.fds} (${api.clients})`,
      String(api.handles),
      `${api.pg}/${api.redis}`,
      `${worker.rssMb}/${worker.heapMb}`,
      String(worker.fds),
      String(worker.handles),
      `${worker.pg}/${worker.redis}`,
      Object.entries(s.pgByApplication)
        .map(([app, n]) => `${app} ${n}`)
        .join(', '),
      String(s.redisConnectedClients),
      s.load ? `${s.load.reads.rps} (${s.load.reads.p99})` : '-',
      s.load ? `${s.load.writesOk + s.load.assigned}/${s.load.writeConflicts}` : '-',
      s.load ? String(s.load.emails) : '-',
      s.load ? String(s.load.socketEvents) : '-',
    ];
  });
  return table(head, rows);
}

function verdictTable(verdicts: { name: string; tolerance: Tolerance; judged: boolean; verdict: ReturnType<typeof judgeGrowth> }[]): string {
  const tolerance = (t: Tolerance) => [t.relative ? `+${t.relative * 100}%` : '', t.absolute ? `+${t.absolute}` : ''].filter(Boolean).join(' ');
  const rows = verdicts.map((v) => [
    v.name,
    String(v.verdict.middleMean ?? '-'),
    String(v.verdict.lastMean ?? '-'),
    tolerance(v.tolerance),
    String(v.verdict.limit ?? '-'),
    v.verdict.grew === null ? 'too few samples' : v.verdict.grew ? (v.judged ? 'GROWTH' : 'grew (shared server: not judged)') : 'steady',
  ]);
  return table(['series (warm-up: first third)', 'mean, 2nd third', 'mean, last third', 'tolerance', 'limit', 'verdict'], rows);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    console.error('[soak] failed:', error instanceof Error ? `${error.message}${cause}\n${error.stack}` : error);
    process.exit(1);
  },
);
