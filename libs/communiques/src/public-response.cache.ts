import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Client } from 'pg';
import { FORUM_CONFIG, type ForumConfig } from '@forum/core';
import { CommuniqueRepository } from './communique.repository';
import { PUBLIC_COMMUNIQUES_CHANNEL, PublicPortalChanges } from './public-changes';

export interface PublicResponse {
  status: number;
  body: string;
  contentType: string;
  lastModified: Date | null;
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** One cached answer: its bytes once, and each compressed form computed once, when first asked for. */
export interface CachedResponse extends PublicResponse {
  etag: string;
  bytes: Buffer;
  /** the compressed bytes, or null when compressing does not make them smaller */
  encoded(encoding: Exclude<Encoding, 'identity'>): Promise<Buffer | null>;
  /** whether the brotli form is ready (so a first request does not wait for brotli's best quality) */
  ready(encoding: Exclude<Encoding, 'identity'>): boolean;
}

/** What a CDN or the reverse proxy may keep: a minute fresh, then served stale for five while it revalidates. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

const MAX_ENTRIES = 1000;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;
/** Below this, compression costs more than it saves. */
const MIN_COMPRESS_BYTES = 256;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export interface CacheCounters {
  hits: number;
  misses: number;
  /** requests that asked Postgres the validating query (the listener was down) */
  validated: number;
  invalidations: number;
  listenerLost: number;
  entries: number;
  generation: number;
}

interface Entry {
  /** the generation the entry was built in: valid while no change was heard since (listening) */
  generation: number;
  /** the validating query's answer it was built under (only while not listening) */
  stamp: string | null;
  response: CachedResponse;
}

/**
 * The public portal answers from memory, without asking Postgres anything on a hit.
 *
 * Every API instance LISTENs on `forum_public_communiques`; the transaction that publishes, lifts an embargo,
 * corrects or withdraws a communiqué NOTIFYs it (delivered on commit only, so to every instance, the worker's
 * embargo publication included), and the instance that committed also drops its own cache before answering. Each
 * change bumps a generation: an entry is served only if it was built in the current one (an answer built while a
 * change committed is never kept). When the listening connection is lost, the cache is cleared whole and, until
 * LISTEN is back, each request asks today's validating query (has anything public changed since?), so the portal
 * never serves what a missed notification would have dropped; once LISTEN is back the cache is cleared again.
 */
@Injectable()
export class PublicResponseCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PublicResponseCache');
  private readonly entries = new Map<string, Entry>();
  /** builds in flight, so a crowd on a cold entry costs one build */
  private readonly building = new Map<string, Promise<CachedResponse>>();
  private generation = 0;
  private listener: Client | null = null;
  private listening = false;
  private stopped = false;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly stats: Omit<CacheCounters, 'entries' | 'generation'> = { hits: 0, misses: 0, validated: 0, invalidations: 0, listenerLost: 0 };

  constructor(
    private readonly communiques: CommuniqueRepository,
    private readonly changes: PublicPortalChanges,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe = this.changes.onCommitted(() => this.invalidate());
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.listener;
    this.listener = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  /** true while a change anywhere reaches this cache by NOTIFY (hits then cost no query) */
  get isListening(): boolean {
    return this.listening;
  }

  /** the backend pid of the LISTEN connection (tests terminate it), or null */
  get listenerPid(): number | null {
    return this.listening ? ((this.listener as unknown as { processID?: number } | null)?.processID ?? null) : null;
  }

  get counters(): CacheCounters {
    return { ...this.stats, entries: this.entries.size, generation: this.generation };
  }

  /** Drops every cached answer (a change was heard, committed here, or the listener came or went). */
  invalidate(): void {
    this.generation += 1;
    this.stats.invalidations += 1;
    this.entries.clear();
    this.building.clear();
  }

  async respond(key: string, build: () => Promise<PublicResponse>): Promise<CachedResponse> {
    // Read before anything else: a change heard after this point makes what is built now stale at once.
    const generation = this.generation;
    const stamp = this.listening ? null : await this.communiques.publicStamp();
    if (stamp !== null) this.stats.validated += 1;
    const hit = this.entries.get(key);
    if (hit && hit.generation === this.generation && (stamp === null ? this.listening && hit.stamp === null : hit.stamp === stamp)) {
      this.stats.hits += 1;
      // Re-inserting keeps the map in least-recently-used order for the eviction below.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.response;
    }
    this.stats.misses += 1;
    const flightKey = `${generation}\u0000${stamp ?? ''}\u0000${key}`;
    const inFlight = this.building.get(flightKey);
    if (inFlight) return inFlight;
    const made = build().then((built) => {
      const response = cachedResponse(built);
      // Kept only if nothing changed while it was built, and only under the mode it was validated in.
      if (this.generation === generation && (stamp === null) === this.listening) {
        this.entries.set(key, { generation, stamp, response });
        if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      }
      return response;
    });
    this.building.set(flightKey, made);
    void made
      .finally(() => {
        if (this.building.get(flightKey) === made) this.building.delete(flightKey);
      })
      .catch(() => undefined);
    return made;
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'forum-public-cache' });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      const wasListening = this.listener === client && this.listening;
      if (this.listener === client) {
        this.listener = null;
        this.listening = false;
      }
      // Whatever was missed while nobody listened: forget everything; requests validate until LISTEN is back.
      this.invalidate();
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      if (wasListening) {
        this.stats.listenerLost += 1;
        this.logger.warn(`public cache LISTEN connection lost${error ? `: ${error.message}` : ''}; validating each request until it is back`);
      }
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      // This process's own transactions drop the cache themselves once committed (before answering their caller).
      if (message.channel === PUBLIC_COMMUNIQUES_CHANNEL && !this.changes.isOwnNotification(message.processId)) this.invalidate();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${PUBLIC_COMMUNIQUES_CHANNEL}`);
      if (lost || this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      this.listening = true;
      this.reconnectDelay = RECONNECT_MIN_MS;
      // Changes made before LISTEN took effect were never heard: start from nothing.
      this.invalidate();
    } catch (error) {
      if (!lost) {
        this.logger.warn(`public cache LISTEN unavailable (${(error as Error).message}); validating each request`);
        onLost();
      }
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(RECONNECT_MAX_MS, this.reconnectDelay * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.listen();
    }, delay);
    this.reconnectTimer.unref();
  }
}

function cachedResponse(built: PublicResponse): CachedResponse {
  const bytes = Buffer.from(built.body, 'utf8');
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
  const forms = new Map<string, Promise<Buffer | null>>();
  const done = new Set<string>();
  const encode = (encoding: 'br' | 'gzip'): Promise<Buffer | null> => {
    let form = forms.get(encoding);
    if (!form) {
      // In libuv's thread pool, not on the event loop; brotli at its best quality, since it is done once per entry.
      const compressed =
        bytes.length < MIN_COMPRESS_BYTES
          ? Promise.resolve(null)
          : encoding === 'br'
            ? brotli(bytes, {
                params: {
                  [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
                  [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
                  [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
                },
              })
            : gzipped(bytes, { level: zlib.Z_BEST_COMPRESSION });
      form = compressed.then((out) => {
        done.add(encoding);
        return out && out.length < bytes.length ? out : null;
      });
      forms.set(encoding, form);
    }
    return form;
  };
  return { ...built, bytes, etag, encoded: encode, ready: (encoding) => done.has(encoding) };
}

/**
 * The content coding to send for an Accept-Encoding header: br, then gzip, else identity (q=0 refuses a coding,
 * `*` stands for any coding not named).
 */
export function negotiateEncoding(header: string | string[] | undefined): Encoding[] {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return ['identity'];
  const q = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  const codings = (['br', 'gzip'] as const).filter((name) => weight(name) > 0).sort((a, b) => weight(b) - weight(a));
  return [...codings, 'identity'];
}

/** The ETag of one representation: the identity bytes' tag, with the coding appended for a compressed one. */
const taggedFor = (etag: string, encoding: Encoding) => (encoding === 'identity' ? etag : `${etag.slice(0, -1)}-${encoding}"`);

/**
 * Sends a public response with its validators, or 304 when the client's copy is current; the body is the
 * precompressed form the client accepts (br, else gzip), with `Vary: Accept-Encoding` on every answer.
 */
export async function sendPublicResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  response: CachedResponse,
  cacheControl: string = PUBLIC_CACHE_CONTROL,
  extraHeaders: Record<string, string> = {},
) {
  void reply.header('content-type', response.contentType).header('vary', 'Accept-Encoding');
  for (const [name, value] of Object.entries(extraHeaders)) void reply.header(name, value);
  let encoding: Encoding = 'identity';
  let body = response.bytes;
  for (const candidate of negotiateEncoding(request.headers['accept-encoding'])) {
    if (candidate === 'identity') break;
    // brotli's best quality takes a moment the first time: gzip (fast) answers meanwhile when the client takes it.
    if (candidate === 'br' && !response.ready('br')) {
      const pending = response.encoded('br');
      if (negotiateEncoding(request.headers['accept-encoding']).includes('gzip')) continue;
      const out = await pending;
      if (out) [encoding, body] = ['br', out];
      break;
    }
    const out = await response.encoded(candidate);
    if (out) {
      [encoding, body] = [candidate, out];
      break;
    }
  }
  if (encoding !== 'identity') void reply.header('content-encoding', encoding);
  if (response.status !== 200) return reply.status(response.status).header('cache-control', 'no-store').send(body);
  const etag = taggedFor(response.etag, encoding);
  void reply.header('etag', etag).header('cache-control', cacheControl);
  // HTTP dates have whole seconds: compare at that precision or a fresh copy is never "not modified".
  const modified = response.lastModified ? new Date(Math.floor(response.lastModified.getTime() / 1000) * 1000) : null;
  if (modified) void reply.header('last-modified', modified.toUTCString());
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  // A tag of any coding of these same bytes is current (a client may have cached the gzip form and now accept br).
  const current = new Set([response.etag, taggedFor(response.etag, 'br'), taggedFor(response.etag, 'gzip')]);
  const notModified = ifNoneMatch
    ? ifNoneMatch.split(',').some((tag) => current.has(tag.trim().replace(/^W\//, '')) || tag.trim() === '*')
    : !!(modified && ifModifiedSince && !Number.isNaN(Date.parse(ifModifiedSince)) && modified.getTime() <= Date.parse(ifModifiedSince));
  if (notModified) {
    reply.removeHeader('content-encoding');
    return reply.status(304).send();
  }
  return reply.status(200).send(body);
}
