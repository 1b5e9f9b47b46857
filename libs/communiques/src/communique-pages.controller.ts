import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode, Public } from '@forum/core';
import type { Locale } from '@forum/contracts';
import { communiqueListPage, communiquePage, notFoundPage } from './communique-page.html';
import { PublicCommuniquesService } from './public-communiques.service';
import { PublicResponse, PublicResponseCache } from './public-response.cache';

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
  constructor(
    private readonly publicCommuniques: PublicCommuniquesService,
    private readonly cache: PublicResponseCache,
  ) {}

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
    return this.cache.answer(
      request,
      reply,
      `page:list:${lang}:${JSON.stringify(filter)}`,
      async () => {
        const [page, filters, modified] = await Promise.all([
          this.publicCommuniques.list(filter, lang, filter.limit, filter.offset),
          this.publicCommuniques.filters(lang),
          this.publicCommuniques.lastChange(),
        ]);
        return html(200, communiqueListPage(lang, page, filter, { filters, modified }), modified);
      },
      { 'content-language': lang },
    );
  }

  private async detail(lang: Locale, id: string, request: FastifyRequest, reply: FastifyReply) {
    return this.cache.answer(
      request,
      reply,
      `page:detail:${lang}:${id}`,
      async () => {
        if (!UUID.test(id)) return html(404, notFoundPage(lang), null);
        try {
          const view = await this.publicCommuniques.get(id, lang);
          return html(200, communiquePage(view, await this.publicCommuniques.participants(view)), new Date(view.updatedAt));
        } catch (error) {
          if (error instanceof DomainError && error.code === ErrorCode.NotFound) return html(404, notFoundPage(lang), null);
          throw error;
        }
      },
      { 'content-language': lang },
    );
  }
}

const html = (status: number, body: string, lastModified: Date | null): PublicResponse => ({
  status,
  body,
  contentType: 'text/html; charset=utf-8',
  lastModified,
});
