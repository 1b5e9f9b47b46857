import { Body as RequestBody, Controller, Get, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission } from '@forum/contracts';
import { Authorize, Caller, CurrentCaller, IdParam, On, PageQuery, TargetKind } from '@forum/core';
import { CreateIndicatorDto, IndicatorListQuery, ReportObservationDto, SeriesQuery, UpdateIndicatorDto } from './indicator.dto';
import { IndicatorsService } from './indicators.service';
import { seriesCsv } from './indicator-series.csv';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @Authorize(Permission.IndicatorRead, On.query(TargetKind.Body, 'bodyId'))
  list(@CurrentCaller() caller: Caller, @Query() query: IndicatorListQuery) {
    return this.indicators.list(caller, query);
  }

  /** indicators at warning or surge in the current or previous month, among the bodies the caller sees */
  @Get('alerts/standing')
  @Authorize(Permission.IndicatorRead)
  standing(@CurrentCaller() caller: Caller) {
    return this.indicators.standing(caller);
  }

  @Post()
  @Authorize(Permission.IndicatorCreate, On.field(TargetKind.Body, 'bodyId'))
  create(@CurrentCaller() caller: Caller, @RequestBody() dto: CreateIndicatorDto) {
    return this.indicators.create(caller, dto);
  }

  @Get(':id')
  @Authorize(Permission.IndicatorRead, On.param(TargetKind.Indicator))
  get(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.indicators.get(caller, id);
  }

  @Patch(':id')
  @Authorize(Permission.IndicatorUpdate, On.param(TargetKind.Indicator))
  update(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: UpdateIndicatorDto) {
    return this.indicators.update(caller, id, dto);
  }

  @Put(':id/observations/:governmentId/:period')
  @Authorize(Permission.IndicatorReport, On.param(TargetKind.Indicator))
  report(
    @CurrentCaller() caller: Caller,
    @IdParam() id: string,
    @IdParam('governmentId') governmentId: string,
    @Param('period') period: string,
    @RequestBody() dto: ReportObservationDto,
  ) {
    return this.indicators.report(caller, id, governmentId, period, dto);
  }

  @Get(':id/observations/:governmentId/:period/history')
  @Authorize(Permission.IndicatorRead, On.param(TargetKind.Indicator))
  history(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('governmentId') governmentId: string, @Param('period') period: string) {
    return this.indicators.history(caller, id, governmentId, period);
  }

  @Get(':id/series')
  @Authorize(Permission.IndicatorRead, On.param(TargetKind.Indicator))
  series(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: SeriesQuery) {
    return this.indicators.series(caller, id, query);
  }

  @Get(':id/series.csv')
  @Authorize(Permission.IndicatorRead, On.param(TargetKind.Indicator))
  @ApiProduces('text/csv')
  async seriesCsv(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: SeriesQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const series = await this.indicators.series(caller, id, query);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="indicator-${id}.csv"`);
    return seriesCsv(series);
  }

  @Get(':id/alerts')
  @Authorize(Permission.IndicatorRead, On.param(TargetKind.Indicator))
  alerts(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: PageQuery) {
    return this.indicators.alerts(caller, id, query.limit, query.offset);
  }
}
