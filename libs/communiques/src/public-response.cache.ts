import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommuniqueRepository } from './communique.repository';

export interface PublicResponse {
  status: number;
  body: string;
  contentType: string;
  lastModified: Date | null;
}

interface CachedResponse extends PublicResponse {
  etag: string;
}

const MAX_ENTRIES = 1000;

/**
 * The public portal answers from memory. Each request asks Postgres one cheap question (has anything
 * public changed since?) and, if not, sends the bytes it built last time, or a 304. Every API instance
 * asks for itself, so a publication through one is seen at once by all.
 */
@Injectable()
export class PublicResponseCache {
  private readonly entries = new Map<string, { stamp: string; response: CachedResponse }>();

  constructor(private readonly communiques: CommuniqueRepository) {}

  async respond(key: string, build: () => Promise<PublicResponse>): Promise<CachedResponse> {
    const stamp = await this.communiques.publicStamp();
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) {
      // Re-inserting keeps the map in least-recently-used order for the eviction below.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.response;
    }
    const built = await build();
    const response = { ...built, etag: `"${createHash('sha256').update(built.body).digest('base64url').slice(0, 32)}"` };
    this.entries.set(key, { stamp, response });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return response;
  }
}

/** Sends a public response with its validators, or 304 when the client's copy is current. */
export function sendPublicResponse(request: FastifyRequest, reply: FastifyReply, response: CachedResponse, cacheControl: string, extraHeaders: Record<string, string> = {}) {
  void reply.header('content-type', response.contentType);
  for (const [name, value] of Object.entries(extraHeaders)) void reply.header(name, value);
  if (response.status !== 200) return reply.status(response.status).header('cache-control', 'no-store').send(response.body);
  void reply.header('etag', response.etag).header('cache-control', cacheControl);
  // HTTP dates have whole seconds: compare at that precision or a fresh copy is never "not modified".
  const modified = response.lastModified ? new Date(Math.floor(response.lastModified.getTime() / 1000) * 1000) : null;
  if (modified) void reply.header('last-modified', modified.toUTCString());
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  const notModified = ifNoneMatch
    ? ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === response.etag || tag.trim() === '*')
    : !!(modified && ifModifiedSince && !Number.isNaN(Date.parse(ifModifiedSince)) && modified.getTime() <= Date.parse(ifModifiedSince));
  if (notModified) return reply.status(304).send();
  return reply.status(200).send(response.body);
}
