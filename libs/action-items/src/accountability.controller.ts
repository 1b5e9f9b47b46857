import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authorize, Caller, CurrentCaller, IdParam, On, TargetKind } from '@forum/core';
import { Permission } from '@forum/contracts';
import { AccountabilityQuery } from './action-item.dto';
import { AccountabilityService } from './accountability.service';

const wantsCsv = (query: AccountabilityQuery, accept: string | undefined) =>
  query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/i.test(accept ?? ''));

function sendCsv(reply: FastifyReply, filename: string, csv: string): string {
  void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`);
  return csv;
}

/** The accountability reports: JSON by default, CSV with `?format=csv`, `Accept: text/csv` or the `.csv` route. */
@ApiTags('action-items')
@ApiBearerAuth()
@Controller()
export class AccountabilityController {
  constructor(private readonly accountability: AccountabilityService) {}

  /** every body and government the caller may see, in one answer (the accountability page's summary) */
  @Authorize(Permission.AccountabilityRead)
  @Get('accountability')
  overview(@CurrentCaller() caller: Caller) {
    return this.accountability.overview(caller);
  }

  @Authorize(Permission.AccountabilityRead, On.param(TargetKind.Body))
  @Get('bodies/:id/accountability')
  @ApiProduces('application/json', 'text/csv')
  async ofBody(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @Query() query: AccountabilityQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.accountability.ofBody(caller, id, query.asOf ? new Date(query.asOf) : undefined);
    return wantsCsv(query, accept) ? sendCsv(reply, `accountability-body-${id}.csv`, this.accountability.bodyCsv(report)) : report;
  }

  @Authorize(Permission.AccountabilityRead, On.param(TargetKind.Body))
  @Get('bodies/:id/accountability.csv')
  @ApiProduces('text/csv')
  async ofBodyCsv(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @Query() query: AccountabilityQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.accountability.ofBody(caller, id, query.asOf ? new Date(query.asOf) : undefined);
    return sendCsv(reply, `accountability-body-${id}.csv`, this.accountability.bodyCsv(report));
  }

  @Authorize(Permission.AccountabilityRead)
  @Get('governments/:id/accountability')
  @ApiProduces('application/json', 'text/csv')
  async ofGovernment(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @Query() query: AccountabilityQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.accountability.ofGovernment(caller, id, query.asOf ? new Date(query.asOf) : undefined);
    return wantsCsv(query, accept)
      ? sendCsv(reply, `accountability-government-${report.government.code}.csv`, this.accountability.governmentCsv(report))
      : report;
  }

  @Authorize(Permission.AccountabilityRead)
  @Get('governments/:id/accountability.csv')
  @ApiProduces('text/csv')
  async ofGovernmentCsv(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @Query() query: AccountabilityQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.accountability.ofGovernment(caller, id, query.asOf ? new Date(query.asOf) : undefined);
    return sendCsv(reply, `accountability-government-${report.government.code}.csv`, this.accountability.governmentCsv(report));
  }
}
