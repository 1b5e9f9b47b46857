import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Permission } from '@forum/contracts';
import { Authorize, Caller, CurrentCaller, type DeliveryStatus, invalid, PageQuery } from '@forum/core';
import { DeliveriesService, DeliveryView } from './deliveries.service';

const STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

class DeliveryQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: DeliveryStatus;
}

@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  /** Postgres's record of every notification fan-out and email: `?status=failed` lists the dead letters. */
  @Authorize(Permission.DeliveriesRead)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: DeliveryQuery) {
    return this.deliveries.list(caller, query.status, query.limit, query.offset);
  }

  @Authorize(Permission.DeliveriesRetry)
  @Post(':id/retry')
  @HttpCode(200)
  retry(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<DeliveryView> {
    if (!/^\d{1,18}$/.test(id)) throw invalid(['id must be a delivery id (a whole number)']);
    return this.deliveries.retry(caller, id);
  }
}
