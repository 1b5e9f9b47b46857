import { createHash } from 'node:crypto';
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
import { Mailer } from './mailer.service';
import { NewNotification, NotificationPreferenceRepository, NotificationRepository } from './notification.repository';
import type { Notification } from './notification.entity';
import { toNotificationView } from './notification.view';
import { renderNotification } from './notification-render';

/** The job the outbox relay adds for an event whose service asked for people to be told. */
export const NOTIFY_JOB = 'notify';
export interface NotifyJob {
  eventId: string;
  notify: NotificationIntent[];
}
/** One email: a recipient handed out of its batch after a failure there, retried on its own. */
export const NOTIFICATION_EMAIL_JOB = 'notification-email';
export interface NotificationEmailJob {
  notificationId: string;
}
/** The emails of up to EMAIL_BATCH recipients of one notification, sent over the pooled connections together. */
export const NOTIFICATION_EMAILS_JOB = 'notification-emails';
export interface NotificationEmailsJob {
  notificationIds: string[];
}
/**
 * Recipients per email job: the per-job costs (its Redis round trips, the claim, the delivery record) are paid
 * once per batch, and a batch is still short enough to be sent within a few seconds.
 */
export const EMAIL_BATCH = 50;
/** notifications per in-app push job: each goes to its recipient's room, all in one job */
const PUSH_BATCH = 200;

export interface EmailBatch {
  jobId: string;
  data: NotificationEmailsJob;
}

const digestOf = (ids: string[]) => createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32);

function inBatches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The email jobs of one notification's recipients. The batches are cut from every immediate row in id order
 * and named by what they hold, so a retried fan-out names the same jobs (and a batch with other rows is another
 * job, whose rows the claim on each notification keeps from being sent twice); a batch already sent is left out.
 */
export function emailBatchesOf(notifications: Pick<Notification, 'id' | 'emailDelivery' | 'emailedAt'>[]): EmailBatch[] {
  const immediate = notifications.filter((n) => n.emailDelivery === 'immediately').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return inBatches(immediate, EMAIL_BATCH)
    .filter((some) => some.some((n) => !n.emailedAt))
    .map((some) => {
      const notificationIds = some.map((n) => n.id);
      return { jobId: `emails-${digestOf(notificationIds)}`, data: { notificationIds } };
    });
}

export type JobOutcome = { done: number; skipped: number };

/**
 * Turns the intents of one event into one notification per recipient, pushes each to the recipient's
 * sockets (one push job for many rooms) and queues their emails in batches. Every step is keyed (notification (user, key), job ids), so a retried
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
    private readonly mailer: Mailer,
  ) {}

  async handle(job: NotifyJob): Promise<JobOutcome> {
    const outcome: JobOutcome = { done: 0, skipped: 0 };
    for (const intent of job.notify) {
      const recipients = await this.recipientsOf(intent);
      const chosen = await this.preferences.chosenByUsers(recipients.map((u) => u.id));
      const zones = await this.notifications.zonesOf(recipients.map((u) => u.id));
      // rendered once per language and zone: the recipients of one government mostly share both
      const shownTo = new Map<string, ReturnType<typeof renderNotification>>();
      const rows: NewNotification[] = recipients.map((user) => {
        const locale: Locale = user.locale === 'fr' ? 'fr' : 'en';
        const zone = zones.get(user.id) ?? DEFAULT_ZONE;
        let shown = shownTo.get(`${locale} ${zone}`);
        if (!shown) shownTo.set(`${locale} ${zone}`, (shown = renderNotification(intent, { locale, zone })));
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
      // the SMTP connections open while the notifications are stored, not when the first email is due
      if (rows.some((r) => r.emailDelivery === 'immediately')) this.mailer.warm();
      // The notifications and the delivery rows of their email batches in one transaction (one multi-row insert
      // each); the jobs go to Redis after commit, and the sweep adds them again should Redis lose them.
      let batches: EmailBatch[] = [];
      const stored = await this.dataSource.transaction(async (em) => {
        const inserted = await this.notifications.insertOnce(rows, em);
        batches = emailBatchesOf(inserted);
        await this.ledger.record(
          em,
          batches.map((b) => ({ queue: QUEUES.email, jobId: b.jobId, name: NOTIFICATION_EMAILS_JOB, data: { ...b.data } })),
        );
        return inserted;
      });
      await this.realtime.addBulk(
        inBatches(stored, PUSH_BATCH).map((some) => {
          const id = `notifications-${digestOf(some.map((n) => n.id))}`;
          return {
            name: 'notification',
            data: {
              eventId: id,
              name: 'notification',
              payload: {},
              audience: { kind: 'users', userIds: some.map((n) => n.userId) },
              toEach: some.map((n) => ({ userId: n.userId, payload: { ...toNotificationView(n) } })),
            } satisfies RealtimeJob,
            opts: { jobId: id },
          };
        }),
      );
      await this.email.addBulk(batches.map((b) => ({ name: NOTIFICATION_EMAILS_JOB, data: b.data, opts: { jobId: b.jobId } })));
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
