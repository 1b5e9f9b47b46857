import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IdParam, Public } from '@forum/core';
import { LangQuery, PublicCommuniqueListQuery } from './communique.dto';
import { PublicCommuniquesService } from './public-communiques.service';

/** The public portal's API: no account, published text only. */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicCommuniquesController {
  constructor(private readonly publicCommuniques: PublicCommuniquesService) {}

  @Get('communiques')
  @Header('cache-control', 'public, max-age=60')
  list(@Query() query: PublicCommuniqueListQuery) {
    return this.publicCommuniques.list({ bodyId: query.bodyId, year: query.year, q: query.q }, query.lang ?? 'en', query.limit, query.offset);
  }

  // Declared before ':id' so the feed is never read as an id, whatever the router's matching order.
  @Get('communiques.atom')
  @ApiProduces('application/atom+xml')
  async feed(@Query() query: LangQuery, @Res() reply: FastifyReply) {
    const xml = await this.publicCommuniques.feed(query.lang ?? 'en');
    void reply.status(200).header('content-type', 'application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(xml);
  }

  @Get('communiques/:id')
  @Header('cache-control', 'public, max-age=60')
  get(@IdParam() id: string, @Query() query: LangQuery) {
    return this.publicCommuniques.get(id, query.lang ?? 'en');
  }
}
