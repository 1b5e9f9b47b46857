import { createHash } from 'node:crypto';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode, Public } from '@forum/core';
import type { Locale } from '@forum/contracts';
import { communiqueListPage, communiquePage, notFoundPage } from './communique-page.html';
import { PublicCommuniquesService } from './public-communiques.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Query parameters of the list page; anything malformed is ignored rather than refused (a page, not an API). */
function listFilter(query: Record<string, string | undefined>) {
  const year = Number(query.year);
  const offset = Number(query.offset);
  return {
    q: typeof query.q === 'string' && query.q.trim() ? query.q.trim().slice(0, 200) : undefined,
    year: Number.isInteger(year) && year >= 1867 && year <= 9999 ? year : undefined,
    bodyId: typeof query.bodyId === 'string' && UUID.test(query.bodyId) ? query.bodyId : undefined,
    offset: Number.isInteger(offset) && offset > 0 && offset <= 1_000_000 ? offset : 0,
    limit: 50,
  };
}

/**
 * The public portal's pages: server-rendered HTML at permanent URLs outside /api/v1 (see PAGE_ROUTES
 * in apps/api bootstrap), readable without JavaScript, cacheable by anyone (ETag, Last-Modified, 304).
 */
@ApiExcludeController()
@Public()
@Controller()
export class CommuniquePagesController {
  constructor(private readonly publicCommuniques: PublicCommuniquesService) {}

  @Get('en/communiques')
  listEn(@Query() query: Record<string, string>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.list('en', query, request, reply);
  }

  @Get('fr/communiques')
  listFr(@Query() query: Record<string, string>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.list('fr', query, request, reply);
  }

  @Get('en/communiques/:id')
  detailEn(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.detail('en', id, request, reply);
  }

  @Get('fr/communiques/:id')
  detailFr(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.detail('fr', id, request, reply);
  }

  private async list(lang: Locale, query: Record<string, string | undefined>, request: FastifyRequest, reply: FastifyReply) {
    const filter = listFilter(query);
    const page = await this.publicCommuniques.list(filter, lang, filter.limit, filter.offset);
    const lastModified = await this.publicCommuniques.lastChange();
    return this.send(lang, request, reply, 200, communiqueListPage(lang, page, filter), lastModified);
  }

  private async detail(lang: Locale, id: string, request: FastifyRequest, reply: FastifyReply) {
    if (!UUID.test(id)) return this.send(lang, request, reply, 404, notFoundPage(lang), null);
    try {
      const view = await this.publicCommuniques.get(id, lang);
      return this.send(lang, request, reply, 200, communiquePage(view), new Date(view.updatedAt));
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return this.send(lang, request, reply, 404, notFoundPage(lang), null);
      throw error;
    }
  }

  private send(lang: Locale, request: FastifyRequest, reply: FastifyReply, status: number, html: string, lastModified: Date | null) {
    void reply.header('content-type', 'text/html; charset=utf-8').header('content-language', lang);
    if (status !== 200) return reply.status(status).header('cache-control', 'no-store').send(html);
    const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 32)}"`;
    void reply.header('etag', etag).header('cache-control', 'public, max-age=300');
    // HTTP dates have whole seconds: compare at that precision or a fresh copy is never "not modified".
    const modified = lastModified ? new Date(Math.floor(lastModified.getTime() / 1000) * 1000) : null;
    if (modified) void reply.header('last-modified', modified.toUTCString());
    const ifNoneMatch = request.headers['if-none-match'];
    const ifModifiedSince = request.headers['if-modified-since'];
    const notModified = ifNoneMatch
      ? ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')
      : !!(modified && ifModifiedSince && !Number.isNaN(Date.parse(ifModifiedSince)) && modified.getTime() <= Date.parse(ifModifiedSince));
    if (notModified) return reply.status(304).send();
    return reply.status(200).send(html);
  }
}
