import { Body, Controller, Delete, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Authorize, Caller, CurrentCaller, IdParam, PageQuery } from '@forum/core';
import { Permission } from '@forum/contracts';
import { SecretariatOnlyGuard } from '../secretariat-only.guard';
import { CreateWebhookDto, type WebhookDeliveryView, type WebhookView } from './webhook.dto';
import { WebhookService } from './webhook.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@UseGuards(SecretariatOnlyGuard)
@Controller('webhooks')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Authorize(Permission.WebhooksManage)
  @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateWebhookDto): Promise<WebhookView & { secret: string }> {
    return this.webhooks.create(caller, dto);
  }

  @Authorize(Permission.WebhooksManage)
  @Get()
  list(@CurrentCaller() caller: Caller): Promise<{ items: WebhookView[]; total: number }> {
    return this.webhooks.list(caller);
  }

  @Authorize(Permission.WebhooksManage)
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentCaller() caller: Caller, @IdParam() id: string): Promise<void> {
    return this.webhooks.remove(caller, id);
  }

  @Authorize(Permission.WebhooksManage)
  @Get(':id/deliveries')
  deliveries(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() page: PageQuery): Promise<{ items: WebhookDeliveryView[]; total: number }> {
    return this.webhooks.deliveries(caller, id, page.limit, page.offset);
  }

  @Authorize(Permission.WebhooksManage)
  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  retry(@CurrentCaller() caller: Caller, @IdParam() id: string, @IdParam('deliveryId') deliveryId: string): Promise<WebhookDeliveryView> {
    return this.webhooks.retry(caller, id, deliveryId);
  }
}
