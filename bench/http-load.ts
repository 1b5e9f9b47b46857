import autocannon from 'autocannon';
import type { Client } from 'pg';

export interface LoadResult {
  /** mean requests per second over the run */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  /** base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** the paths to cycle through (with the header set that goes with each) */
  targets: { path: string; headers?: Record<string, string> }[];
  connections: number;
  seconds: number;
  /** requests per second over all connections; absent = as fast as it answers */
  overallRate?: number;
}

/** One autocannon run cycling through the targets; each request takes the next (path, headers) pair. */
export async function cannon(options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: Math.max(1, Math.floor(options.overallRate)) } : {}),
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (request: Record<string, unknown>) => {
          const target = options.targets[next++ % options.targets.length];
          return { ...request, path: target.path, headers: { ...(request.headers as object), ...target.headers } };
        },
      },
    ],
  } as autocannon.Options);
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** requests each side answers before it is measured: V8 tiers code up by calls, not by time */
export const WARM_REQUESTS = 10_000;
const WARM_LIMIT_MS = 30_000;

/**
 * Runs whose figures are thrown away, so JIT, pools and caches are warm on both sides alike: at least `seconds`,
 * then on, a second at a time, until `WARM_REQUESTS` have been answered (at most 30 s, and never once a request timed
 * out). A fixed time alone warms
 * the slower side less: on a busy machine two seconds were a few hundred of the product's requests, its code
 * still unoptimized (five times the CPU per request of its steady state), against thousands of the baseline's.
 */
export async function warm(options: Omit<LoadOptions, 'seconds'>, seconds = 2): Promise<{ requests: number; seconds: number }> {
  const started = Date.now();
  let run = await cannon({ ...options, seconds });
  let requests = run.requests;
  // A side whose requests time out is warmed no further: the abandoned ones still run, and more load only queues
  // behind them (the search's heavy queries piled up that way until Postgres served neither side).
  while (requests < WARM_REQUESTS && run.timeouts === 0 && Date.now() - started < WARM_LIMIT_MS) {
    run = await cannon({ ...options, seconds: 1 });
    requests += run.requests;
  }
  return { requests, seconds: Math.round((Date.now() - started) / 1000) };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export interface PatchStormResult {
  seconds: number;
  officials: number;
  items: number;
  /** PATCHes answered 200 */
  succeeded: number;
  /** PATCHes answered 409 (someone wrote since the read): retried after a fresh read */
  conflicts: number;
  otherFailures: number;
  statusCounts: Record<string, number>;
  /** successful PATCHes per second */
  rps: number;
  p50: number;
  p99: number;
  /** per item: the description each successful PATCH wrote and the version it got back */
  successes: Map<string, { description: string; version: number }[]>;
}

/**
 * Each official loops read-version-then-PATCH on an item its government leads, retrying on 409 with a fresh
 * read, until time is up. Several officials share each item, so conflicts are real, and each PATCH writes a
 * description no other PATCH writes, so every accepted write can be found again in the kept updates.
 */
export async function patchStorm(
  baseUrl: string,
  workers: { token: string; itemId: string }[],
  seconds: number,
  runTag: string,
  /** a steady load instead of a storm: each official rests this long after a write (not after a 409, retried at once) */
  { pauseMs = 0 }: { pauseMs?: number } = {},
): Promise<PatchStormResult> {
  const deadline = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  const successes = new Map<string, { description: string; version: number }[]>();
  let conflicts = 0;
  let otherFailures = 0;
  const started = Date.now();
  await Promise.all(
    workers.map(async ({ token, itemId }, w) => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      let attempt = 0;
      let rest = false;
      // Staggered starts: in lockstep, every rest would end in the same instant and the load would come in bursts.
      if (pauseMs) await new Promise((r) => setTimeout(r, (pauseMs * w) / workers.length));
      while (Date.now() < deadline) {
        // Jittered around the mean, so officials sharing an item drift into each other now and then: real 409s.
        if (rest && pauseMs) await new Promise((r) => setTimeout(r, Math.min(pauseMs * (0.5 + Math.random()), Math.max(0, deadline - Date.now()))));
        rest = true;
        if (Date.now() >= deadline) break;
        try {
          const read = await fetch(`${baseUrl}/api/v1/action-items/${itemId}`, { headers, signal: AbortSignal.timeout(15_000) });
          if (read.status !== 200) {
            statusCounts[`GET ${read.status}`] = (statusCounts[`GET ${read.status}`] ?? 0) + 1;
            otherFailures++;
            await read.arrayBuffer();
            continue;
          }
          const { version, progress } = (await read.json()) as { version: number; progress: number };
          const description = `${runTag} official ${w} attempt ${attempt++}`;
          const t0 = performance.now();
          const patch = await fetch(`${baseUrl}/api/v1/action-items/${itemId}`, {
            method: 'PATCH',
            headers,
            // a lead official changes progress (the secretariat's fields are refused with 403); the reason, unique
            // to this write, is kept with the change and is what the lost-update audit looks for
            body: JSON.stringify({ version, progress: (progress % 99) + 1, reason: description }),
            signal: AbortSignal.timeout(15_000),
          });
          const body = (await patch.json()) as { version?: number };
          latencies.push(performance.now() - t0);
          statusCounts[`PATCH ${patch.status}`] = (statusCounts[`PATCH ${patch.status}`] ?? 0) + 1;
          if (patch.status === 200) {
            const list = successes.get(itemId) ?? [];
            list.push({ description, version: body.version! });
            successes.set(itemId, list);
          } else if (patch.status === 409) {
            conflicts++;
            rest = false;
          } else otherFailures++;
        } catch {
          otherFailures++;
          statusCounts.error = (statusCounts.error ?? 0) + 1;
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const succeeded = [...successes.values()].reduce((n, l) => n + l.length, 0);
  return {
    seconds: elapsed,
    officials: workers.length,
    items: new Set(workers.map((w) => w.itemId)).size,
    succeeded,
    conflicts,
    otherFailures,
    statusCounts,
    rps: Math.round(succeeded / elapsed),
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    successes,
  };
}

/**
 * Compares what clients saw accepted with what the database kept: every accepted PATCH must be one kept
 * update (its description, at the version it was told), and each item's version must have advanced by
 * exactly the number of accepted PATCHes.
 */
export async function lostUpdates(db: Client, items: { id: string; version: number }[], successes: Map<string, { description: string; version: number }[]>) {
  const initial = new Map(items.map((i) => [i.id, i.version]));
  const kept = await db.query<{ action_item_id: string; version: number; description: string | null }>(
    `SELECT action_item_id, version, coalesce(note_en, note_fr) AS description FROM action_item_update
      WHERE action_item_id = ANY($1) AND kind = 'change'`,
    [items.map((i) => i.id)],
  );
  const now = await db.query<{ id: string; version: number }>(`SELECT id, version FROM action_item WHERE id = ANY($1)`, [items.map((i) => i.id)]);
  const keptKeys = new Set(
    kept.rows.filter((k) => k.version > (initial.get(k.action_item_id) ?? 0)).map((k) => `${k.action_item_id}:${k.version}:${k.description}`),
  );
  let lost = 0;
  let duplicateVersions = 0;
  const seen = new Set<string>();
  for (const [itemId, list] of successes) {
    for (const s of list) {
      const key = `${itemId}:${s.version}:${s.description}`;
      if (!keptKeys.has(key)) lost++;
      // Two accepted writes told the same version: one of them overwrote the other.
      if (seen.has(`${itemId}:${s.version}`)) duplicateVersions++;
      seen.add(`${itemId}:${s.version}`);
    }
  }
  const accepted = [...successes.values()].reduce((n, l) => n + l.length, 0);
  const versionAdvance = now.rows.reduce((n, r) => n + (r.version - (initial.get(r.id) ?? r.version)), 0);
  // Writes the database kept that no client saw accepted (a timed-out answer); not lost, but worth showing.
  const unexplained = keptKeys.size - (accepted - lost);
  return { accepted, lost, recorded: keptKeys.size, versionAdvance, duplicateVersions, unexplained };
}
