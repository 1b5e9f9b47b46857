import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdParam, Public, Sends } from '@forum/core';
import { LangQuery, PublicCommuniqueListQuery } from './communique.dto';
import { PublicCommuniquesService } from './public-communiques.service';
import { PublicResponseCache } from './public-response.cache';
import type { PublicCommuniqueSummaryView, PublicCommuniqueView } from './communique.view';
import type { Page } from '@forum/contracts';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The public portal's API: no account, published text only. */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicCommuniquesController {
  constructor(
    private readonly publicCommuniques: PublicCommuniquesService,
    private readonly cache: PublicResponseCache,
  ) {}

  @Get('communiques')
  @Sends<Page<PublicCommuniqueSummaryView>>()
  async list(@Query() query: PublicCommuniqueListQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = query.lang ?? 'en';
    const filter = { bodyId: query.bodyId, year: query.year, q: query.q };
    return this.cache.answer(request, reply, `api:list:${lang}:${JSON.stringify([filter, query.limit, query.offset])}`, async () => ({
      status: 200,
      body: JSON.stringify(await this.publicCommuniques.list(filter, lang, query.limit, query.offset)),
      contentType: JSON_TYPE,
      lastModified: await this.publicCommuniques.lastChange(),
    }));
  }

  // Declared before ':id' so the feed is never read as an id, whatever the router's matching order.
  @Get('communiques.atom')
  @ApiProduces('application/atom+xml')
  @Sends<string>()
  async feed(@Query() query: LangQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = query.lang ?? 'en';
    return this.cache.answer(request, reply, `api:feed:${lang}`, async () => ({
      status: 200,
      body: await this.publicCommuniques.feed(lang),
      contentType: 'application/atom+xml; charset=utf-8',
      lastModified: await this.publicCommuniques.lastChange(),
    }));
  }

  /** A draft, an embargoed or an unknown id is a plain 404 thrown, never cached, so it costs the same as a miss. */
  @Get('communiques/:id')
  @Sends<PublicCommuniqueView>()
  async get(@IdParam() id: string, @Query() query: LangQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = query.lang ?? 'en';
    return this.cache.answer(request, reply, `api:detail:${lang}:${id}`, async () => {
      const view = await this.publicCommuniques.get(id, lang);
      return { status: 200, body: JSON.stringify(view), contentType: JSON_TYPE, lastModified: new Date(view.updatedAt) };
    });
  }
}
