import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller, EventRecorder, notFound } from '@forum/core';
import type { NotificationCategory, NotificationView, Page } from '@forum/contracts';
import { EmailDelivery, preferencesOf } from './delivery.rule';
import { NotificationPreferencesDto } from './notification.dto';
import { NotificationPreferenceRepository, NotificationRepository } from './notification.repository';
import { toNotificationView } from './notification.view';

/** The caller's own inbox and choices: nobody reads or changes another person's notifications. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly preferences: NotificationPreferenceRepository,
    private readonly events: EventRecorder,
  ) {}

  async list(caller: Caller, unreadOnly: boolean, limit: number, offset: number): Promise<Page<NotificationView> & { unread: number }> {
    const [rows, total] = await this.notifications.inboxPage(caller.userId, unreadOnly, limit, offset);
    return { items: rows.map(toNotificationView), total, unread: await this.notifications.countUnread(caller.userId) };
  }

  async markRead(caller: Caller, id: string): Promise<NotificationView> {
    // Someone else's notification is as unknown as a missing one.
    if (!(await this.notifications.findOfUser(caller.userId, id))) throw notFound('Notification');
    await this.dataSource.transaction(async (em) => {
      await this.notifications.markRead(caller.userId, id, new Date(), em);
      await this.events.record(em, { actorUserId: caller.userId, action: 'notification.read', entityType: 'notification', entityId: id });
    });
    return toNotificationView((await this.notifications.findOfUser(caller.userId, id))!);
  }

  async markAllRead(caller: Caller): Promise<{ marked: number }> {
    return this.dataSource.transaction(async (em) => {
      const marked = await this.notifications.markAllRead(caller.userId, new Date(), em);
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: 'notification.read-all',
        entityType: 'user',
        entityId: caller.userId,
        changes: { marked },
      });
      return { marked };
    });
  }

  async getPreferences(caller: Caller): Promise<Record<NotificationCategory, EmailDelivery>> {
    return preferencesOf(await this.preferences.chosenBy(caller.userId));
  }

  async setPreferences(caller: Caller, dto: NotificationPreferencesDto): Promise<Record<NotificationCategory, EmailDelivery>> {
    const { account: _alwaysImmediate, ...choices } = dto;
    await this.dataSource.transaction(async (em) => {
      await this.preferences.save(caller.userId, choices, em);
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: 'notification.preferences-changed',
        entityType: 'user',
        entityId: caller.userId,
        changes: { ...choices },
      });
    });
    return this.getPreferences(caller);
  }
}
