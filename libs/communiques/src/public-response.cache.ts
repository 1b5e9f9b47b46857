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
  /** the compressed bytes if already computed (null: not smaller), undefined while not computed yet */
  encodedNow(encoding: Exclude<Encoding, 'identity'>): Buffer | null | undefined;
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
  /** hits answered by the fast path, before helmet, the rate limit and Nest (see answerPublicHitsFromMemory) */
  fromMemory: number;
  /** URLs the fast path knows (each first answered by Nest) */
  urls: number;
}

/** How one URL is answered from memory: everything but the per-request headers (date, x-request-id) decided once. */
interface RememberedUrl {
  generation: number;
  response: CachedResponse;
  cacheControl: string;
  extraHeaders: Record<string, string>;
  /** the headers the security stage (helmet) put on the Nest path's answer for this URL, as name/value pairs */
  securityHeaders: string[];
  /** by content coding: the answer (status as cached) and its 304 */
  forms: Map<Encoding, { answer: MemoryAnswer; notModified: MemoryAnswer }>;
}

/** An answer the fast path writes as it is: status, headers as `writeHead` takes them (name, value, …), body. */
export interface MemoryAnswer {
  status: number;
  head: string[];
  /** null for a 304 */
  body: Buffer | null;
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
  /** raw request URL → its answer, for the fast path; filled only by answers Nest sent from a current entry */
  private readonly urls = new Map<string, RememberedUrl>();
  private readonly stats: Omit<CacheCounters, 'entries' | 'generation' | 'urls'> = {
    hits: 0,
    misses: 0,
    validated: 0,
    invalidations: 0,
    listenerLost: 0,
    fromMemory: 0,
  };

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
    return { ...this.stats, entries: this.entries.size, generation: this.generation, urls: this.urls.size };
  }

  /** Drops every cached answer (a change was heard, committed here, or the listener came or went). */
  invalidate(): void {
    this.generation += 1;
    this.stats.invalidations += 1;
    this.entries.clear();
    this.building.clear();
    this.urls.clear();
  }

  /**
   * Answers a public URL on the Nest path: from the cache (built on a miss), then sent (see sendPublicResponse).
   * When what was sent is the current entry of a listening cache, the URL is remembered for the fast path: from
   * then on it is answered from memory until the next change. Only what Nest routed, validated and answered is
   * ever remembered, so a malformed or unknown URL never reaches the fast path.
   */
  async answer(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    build: () => Promise<PublicResponse>,
    extraHeaders: Record<string, string> = {},
    cacheControl: string = PUBLIC_CACHE_CONTROL,
  ): Promise<FastifyReply> {
    const response = await this.respond(key, build);
    if (request.method === 'GET') this.remember(request.url, key, response, cacheControl, extraHeaders);
    return sendPublicResponse(request, reply, response, cacheControl, extraHeaders);
  }

  /**
   * The fast path's lookup: the answer to a GET for a remembered URL, its headers precomputed (a flat
   * name/value list, as `writeHead` takes it, without the per-request ones), or null when the request must go
   * on to helmet, the rate limit and Nest. Never while the listener is down: then every request goes through
   * Nest, which asks the validating query.
   */
  fromMemory(request: FastifyRequest): MemoryAnswer | null {
    const url = this.urls.get(request.url);
    if (!url || url.generation !== this.generation || !this.listening) return null;
    const encoding = readyEncoding(url.response, request.headers['accept-encoding']);
    if (!encoding) return null;
    let form = url.forms.get(encoding);
    if (!form) {
      const body = encoding === 'identity' ? url.response.bytes : url.response.encodedNow(encoding)!;
      const headers = publicHeaders(url.response, encoding, url.cacheControl, url.extraHeaders);
      const head = [...url.securityHeaders, ...Object.entries(headers).flat()];
      delete headers['content-encoding'];
      const notModified: MemoryAnswer = { status: 304, head: [...url.securityHeaders, ...Object.entries(headers).flat()], body: null };
      form = { answer: { status: url.response.status, head: [...head, 'content-length', String(body.length)], body }, notModified };
      url.forms.set(encoding, form);
    }
    this.stats.fromMemory += 1;
    return url.response.status === 200 && isNotModified(request, url.response) ? form.notModified : form.answer;
  }

  /** the security headers every answer carries, which a hit from memory must carry too */
  private securityHead: string[] = [];
  useSecurityHeaders(headers: Record<string, string>): void {
    this.securityHead = Object.entries(headers).flat();
  }

  private remember(url: string, key: string, response: CachedResponse, cacheControl: string, extraHeaders: Record<string, string>) {
    const entry = this.entries.get(key);
    if (!this.listening || !entry || entry.response !== response || entry.generation !== this.generation || entry.stamp !== null) return;
    const known = this.urls.get(url);
    if (known?.response === response && known.generation === entry.generation) return;
    // helmet's headers, the same on every answer (answerPublicHitsFromMemory hands them over)
    const securityHeaders = this.securityHead;
    this.urls.delete(url);
    this.urls.set(url, { generation: entry.generation, response, cacheControl, extraHeaders, securityHeaders, forms: new Map() });
    if (this.urls.size > MAX_ENTRIES) this.urls.delete(this.urls.keys().next().value!);
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
  const done = new Map<string, Buffer | null>();
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
        const kept = out && out.length < bytes.length ? out : null;
        done.set(encoding, kept);
        return kept;
      });
      forms.set(encoding, form);
    }
    return form;
  };
  return { ...built, bytes, etag, encoded: encode, ready: (encoding) => done.has(encoding), encodedNow: (encoding) => done.get(encoding) };
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

const IDENTITY_ONLY: Encoding[] = ['identity'];
/** Accept-Encoding values seen (browsers send a handful): negotiated once each, not on every hit. */
const negotiated = new Map<string, Encoding[]>();
const NEGOTIATED_MAX = 64;

function codingsFor(header: string | string[] | undefined): Encoding[] {
  if (header === undefined || header === '') return IDENTITY_ONLY;
  if (typeof header !== 'string') return negotiateEncoding(header);
  let codings = negotiated.get(header);
  if (!codings) {
    codings = negotiateEncoding(header);
    if (negotiated.size < NEGOTIATED_MAX) negotiated.set(header, codings);
  }
  return codings;
}

/** The coding the client gets: br, else gzip (each only when it makes the bytes smaller), else identity. */
async function chooseEncoding(response: CachedResponse, header: string | string[] | undefined): Promise<Encoding> {
  const codings = codingsFor(header);
  for (const candidate of codings) {
    if (candidate === 'identity') return 'identity';
    // brotli's best quality takes a moment the first time: gzip (fast) answers meanwhile when the client takes it.
    if (candidate === 'br' && !response.ready('br')) {
      const pending = response.encoded('br');
      if (codings.includes('gzip')) continue;
      return (await pending) ? 'br' : 'identity';
    }
    if (await response.encoded(candidate)) return candidate;
  }
  return 'identity';
}

/**
 * The coding chooseEncoding would choose, when every form it depends on is already computed; undefined when one
 * is not (the fast path then leaves the request to Nest, which computes it).
 */
function readyEncoding(response: CachedResponse, header: string | string[] | undefined): Encoding | undefined {
  for (const candidate of codingsFor(header)) {
    if (candidate === 'identity') return 'identity';
    const out = response.encodedNow(candidate);
    if (out === undefined) return undefined;
    if (out) return candidate;
  }
  return 'identity';
}

/** The headers of a public answer in one coding, the same on the Nest path and the fast path. */
function publicHeaders(response: CachedResponse, encoding: Encoding, cacheControl: string, extraHeaders: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': response.contentType, vary: 'Accept-Encoding', ...extraHeaders };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  if (response.status !== 200) {
    headers['cache-control'] = 'no-store';
    return headers;
  }
  headers.etag = taggedFor(response.etag, encoding);
  headers['cache-control'] = cacheControl;
  const modified = lastModifiedOf(response);
  if (modified) headers['last-modified'] = modified.toUTCString();
  return headers;
}

/** HTTP dates have whole seconds: compare at that precision or a fresh copy is never "not modified". */
const lastModifiedOf = (response: CachedResponse) => (response.lastModified ? new Date(Math.floor(response.lastModified.getTime() / 1000) * 1000) : null);

/** Whether the client's copy is current: If-None-Match first, else If-Modified-Since. */
function isNotModified(request: FastifyRequest, response: CachedResponse): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  if (!ifNoneMatch && !ifModifiedSince) return false;
  if (ifNoneMatch) {
    // A tag of any coding of these same bytes is current (a client may have cached the gzip form and now accept br).
    const current = new Set([response.etag, taggedFor(response.etag, 'br'), taggedFor(response.etag, 'gzip')]);
    return ifNoneMatch.split(',').some((tag) => current.has(tag.trim().replace(/^W\//, '')) || tag.trim() === '*');
  }
  const modified = lastModifiedOf(response);
  return !!(modified && ifModifiedSince && !Number.isNaN(Date.parse(ifModifiedSince)) && modified.getTime() <= Date.parse(ifModifiedSince));
}

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
  const encoding = await chooseEncoding(response, request.headers['accept-encoding']);
  const headers = publicHeaders(response, encoding, cacheControl, extraHeaders);
  if (response.status === 200 && isNotModified(request, response)) {
    delete headers['content-encoding'];
    return reply.status(304).headers(headers).send();
  }
  return reply
    .status(response.status)
    .headers(headers)
    .send(encoding === 'identity' ? response.bytes : (await response.encoded(encoding))!);
}
