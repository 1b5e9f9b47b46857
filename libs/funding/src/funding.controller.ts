import { Body as RequestBody, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission, type FundingClaimView, type FundingProgramView, type FundingSummaryView, type Page } from '@forum/contracts';
import { Authorize, Caller, CurrentCaller, IdParam, On, PageQuery, TargetKind } from '@forum/core';
import { summaryCsv } from './funding.csv';
import {
  CreateFundingClaimDto,
  CreateFundingProgramDto,
  FundingDecisionDto,
  FundingPaymentDto,
  FundingProgramListQuery,
  ReconcileClaimDto,
  FundingSummaryQuery,
} from './funding.dto';
import { FundingService } from './funding.service';

@ApiTags('funding')
@ApiBearerAuth()
@Controller()
export class FundingController {
  constructor(private readonly funding: FundingService) {}

  @Get('funding-programs')
  @Authorize(Permission.FundingRead, On.query(TargetKind.Body, 'bodyId'))
  listPrograms(@CurrentCaller() caller: Caller, @Query() query: FundingProgramListQuery): Promise<Page<FundingProgramView>> {
    return this.funding.listPrograms(caller, query);
  }

  @Post('funding-programs')
  @Authorize(Permission.FundingProgramCreate, On.field(TargetKind.Body, 'bodyId'))
  createProgram(@CurrentCaller() caller: Caller, @RequestBody() dto: CreateFundingProgramDto): Promise<FundingProgramView> {
    return this.funding.createProgram(caller, dto);
  }

  @Get('funding-programs/:id')
  @Authorize(Permission.FundingRead, On.param(TargetKind.FundingProgram))
  getProgram(@CurrentCaller() caller: Caller, @IdParam() id: string): Promise<FundingProgramView> {
    return this.funding.getProgram(caller, id);
  }

  @Get('funding-programs/:id/claims')
  @Authorize(Permission.FundingRead, On.param(TargetKind.FundingProgram))
  listClaims(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: PageQuery): Promise<Page<FundingClaimView>> {
    return this.funding.listClaims(caller, id, query.limit, query.offset);
  }

  @Post('funding-programs/:id/claims')
  @Authorize(Permission.FundingClaimCreate, On.param(TargetKind.FundingProgram))
  createClaim(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: CreateFundingClaimDto): Promise<FundingClaimView> {
    return this.funding.createClaim(caller, id, dto);
  }

  @Get('funding-programs/:id/summary')
  @Authorize(Permission.FundingRead, On.param(TargetKind.FundingProgram))
  summary(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: FundingSummaryQuery): Promise<FundingSummaryView> {
    return this.funding.summary(caller, id, query.fiscalYear);
  }

  @Get('funding-programs/:id/summary.csv')
  @Authorize(Permission.FundingRead, On.param(TargetKind.FundingProgram))
  @ApiProduces('text/csv')
  async summaryCsv(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @Query() query: FundingSummaryQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const summary = await this.funding.summary(caller, id, query.fiscalYear);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="funding-summary-${id}${query.fiscalYear ? `-${query.fiscalYear}` : ''}.csv"`);
    return summaryCsv(summary);
  }

  @Get('funding-claims/:id')
  @Authorize(Permission.FundingRead, On.param(TargetKind.FundingClaim))
  getClaim(@CurrentCaller() caller: Caller, @IdParam() id: string): Promise<FundingClaimView> {
    return this.funding.getClaim(caller, id);
  }

  @Post('funding-claims/:id/decision')
  @HttpCode(200)
  @Authorize(Permission.FundingClaimDecide)
  decide(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: FundingDecisionDto): Promise<FundingClaimView> {
    return this.funding.decide(caller, id, dto);
  }

  @Post('funding-claims/:id/payments')
  @HttpCode(200)
  @Authorize(Permission.FundingClaimPay)
  pay(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: FundingPaymentDto): Promise<FundingClaimView> {
    return this.funding.pay(caller, id, dto);
  }

  @Post('funding-claims/:id/reconcile')
  @HttpCode(200)
  @Authorize(Permission.FundingClaimReconcile, On.param(TargetKind.FundingClaim))
  reconcile(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: ReconcileClaimDto): Promise<FundingClaimView> {
    return this.funding.reconcile(caller, id, dto);
  }
}
