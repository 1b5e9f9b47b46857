import { Body as RequestBody, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Authorize, AuthorizedTarget, Caller, CurrentCaller, IdParam, type LocatedTarget, On, TargetKind } from '@forum/core';
import { Permission } from '@forum/contracts';
import { ActionItemListQuery, CreateActionItemDto, CreateProgressReportDto, UpdateActionItemDto, UpdateListQuery } from './action-item.dto';
import { ActionItemsService } from './action-items.service';

@ApiTags('action-items')
@ApiBearerAuth()
@Controller('action-items')
export class ActionItemsController {
  constructor(private readonly actionItems: ActionItemsService) {}

  @Authorize(Permission.ActionItemRead, On.query(TargetKind.Body, 'bodyId'))
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ActionItemListQuery, @AuthorizedTarget() body?: LocatedTarget) {
    return this.actionItems.list(caller, query, body);
  }

  @Authorize(Permission.ActionItemCreate, On.field(TargetKind.Body, 'bodyId'))
  @Post()
  create(@CurrentCaller() caller: Caller, @RequestBody() dto: CreateActionItemDto) {
    return this.actionItems.create(caller, dto);
  }

  @Authorize(Permission.ActionItemRead, On.param(TargetKind.ActionItem))
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @IdParam() id: string, @AuthorizedTarget() item?: LocatedTarget) {
    return this.actionItems.get(caller, id, item);
  }

  @Authorize(Permission.ActionItemUpdate, On.param(TargetKind.ActionItem))
  @Patch(':id')
  update(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: UpdateActionItemDto) {
    return this.actionItems.update(caller, id, dto);
  }

  @Authorize(Permission.ActionItemRead, On.param(TargetKind.ActionItem))
  @Get(':id/updates')
  updates(@CurrentCaller() caller: Caller, @IdParam() id: string, @Query() query: UpdateListQuery) {
    return this.actionItems.listUpdates(caller, id, query.limit, query.offset);
  }

  @Authorize(Permission.ActionItemUpdate, On.param(TargetKind.ActionItem))
  @Post(':id/updates')
  report(@CurrentCaller() caller: Caller, @IdParam() id: string, @RequestBody() dto: CreateProgressReportDto) {
    return this.actionItems.report(caller, id, dto);
  }
}
