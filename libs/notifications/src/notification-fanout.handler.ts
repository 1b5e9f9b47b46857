import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DeliveryLedger } from '@forum/core';
import { QUEUES, type Locale, type NotificationIntent, type RealtimeJob } from '@forum/contracts';
import { User, UserRepository } from '@forum/identity';
import { DEFAULT_ZONE } from '@forum/core';
import { deliveryFor } from './delivery.rule';
import { NewNotification, NotificationPreferenceRepository, NotificationRepository } from './notification.repository';
import { toNotificationView } from './notification.view';
import { renderNotification } from './notification-render';

/** The job the outbox relay adds for an event whose service asked for people to be told. */
export const NOTIFY_JOB = 'notify';
export interface NotifyJob {
  eventId: string;
  notify: NotificationIntent[];
}
export const NOTIFICATION_EMAIL_JOB = 'notification-email';
export interface NotificationEmailJob {
  notificationId: string;
}

export type JobOutcome = { done: number; skipped: number };

/**
 * Turns the intents of one event into one notification per recipient, pushes each to the recipient's
 * sockets and queues its email. Every step is keyed (notification (user, key), job ids), so a retried
 * job finishes what an interrupted one began and repeats nothing.
 */
@Injectable()
export class NotificationFanout {
  constructor(
    private readonly users: UserRepository,
    private readonly notifications: NotificationRepository,
    private readonly preferences: NotificationPreferenceRepository,
    @InjectQueue(QUEUES.realtime) private readonly realtime: Queue,
    @InjectQueue(QUEUES.email) private readonly email: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: DeliveryLedger,
  ) {}

  async handle(job: NotifyJob): Promise<JobOutcome> {
    const outcome: JobOutcome = { done: 0, skipped: 0 };
    for (const intent of job.notify) {
      const recipients = await this.recipientsOf(intent);
      const chosen = await this.preferences.chosenByUsers(recipients.map((u) => u.id));
      const zones = await this.notifications.zonesOf(recipients.map((u) => u.id));
      const rows: NewNotification[] = recipients.map((user) => {
        const locale: Locale = user.locale === 'fr' ? 'fr' : 'en';
        const shown = renderNotification(intent, { locale, zone: zones.get(user.id) ?? DEFAULT_ZONE });
        return {
          userId: user.id,
          key: intent.key.slice(0, 200),
          category: intent.category,
          title: shown.title.slice(0, 300),
          body: shown.body,
          link: intent.link?.slice(0, 500) ?? null,
          emailDelivery: deliveryFor(intent.category, chosen.get(user.id) ?? {}),
        };
      });
      // The notifications and the delivery rows of their emails in one transaction (one multi-row insert
      // each); the jobs go to Redis after commit, and the sweep adds them again should Redis lose them.
      const stored = await this.dataSource.transaction(async (em) => {
        const inserted = await this.notifications.insertOnce(rows, em);
        await this.ledger.record(
          em,
          inserted
            .filter((n) => n.emailDelivery === 'immediately' && !n.emailedAt)
            .map((n) => ({ queue: QUEUES.email, jobId: `email-${n.id}`, name: NOTIFICATION_EMAIL_JOB, data: { notificationId: n.id } })),
        );
        return inserted;
      });
      await this.realtime.addBulk(
        stored.map((n) => ({
          name: 'notification',
          data: {
            eventId: `notification-${n.id}`,
            name: 'notification',
            payload: { ...toNotificationView(n) },
            audience: { kind: 'users', userIds: [n.userId] },
          } satisfies RealtimeJob,
          opts: { jobId: `notification-${n.id}` },
        })),
      );
      const toEmail = stored.filter((n) => n.emailDelivery === 'immediately' && !n.emailedAt);
      await this.email.addBulk(
        toEmail.map((n) => ({ name: NOTIFICATION_EMAIL_JOB, data: { notificationId: n.id } satisfies NotificationEmailJob, opts: { jobId: `email-${n.id}` } })),
      );
      outcome.done += stored.length;
      outcome.skipped += rows.length - stored.length;
    }
    return outcome;
  }

  private async recipientsOf(intent: NotificationIntent): Promise<User[]> {
    const [officials, named] = await Promise.all([
      this.users.findActiveOfficialsOf(intent.recipients.governmentIds ?? []),
      this.users.findByIds(intent.recipients.userIds ?? []),
    ]);
    const byId = new Map<string, User>();
    for (const user of [...officials, ...named]) if (user.active) byId.set(user.id, user);
    return [...byId.values()];
  }
}
