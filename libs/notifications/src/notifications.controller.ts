import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Authorize, Caller, CurrentCaller, IdParam } from '@forum/core';
import { Permission } from '@forum/contracts';
import { NotificationListQuery, NotificationPreferencesDto } from './notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** the caller's in-app notifications, newest first */
  @Authorize(Permission.NotificationRead)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: NotificationListQuery) {
    return this.notifications.list(caller, query.unread ?? false, query.limit, query.offset);
  }

  @Authorize(Permission.NotificationRead)
  @Get('preferences')
  preferences(@CurrentCaller() caller: Caller) {
    return this.notifications.getPreferences(caller);
  }

  @Authorize(Permission.NotificationUpdate)
  @Put('preferences')
  setPreferences(@CurrentCaller() caller: Caller, @Body() dto: NotificationPreferencesDto) {
    return this.notifications.setPreferences(caller, dto);
  }

  @Authorize(Permission.NotificationUpdate)
  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentCaller() caller: Caller) {
    return this.notifications.markAllRead(caller);
  }

  @Authorize(Permission.NotificationUpdate)
  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentCaller() caller: Caller, @IdParam() id: string) {
    return this.notifications.markRead(caller, id);
  }
}
