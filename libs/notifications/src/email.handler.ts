import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DeliveryLedger, FORUM_CONFIG, ForumConfig, JobSchedules } from '@forum/core';
import { QUEUES, type Locale } from '@forum/contracts';
import { UserRepository } from '@forum/identity';
import { ACCOUNT_TOKEN_TTL_MS, accountTokenFor } from './account-token';
import { ACCOUNT_EMAIL_JOB, AccountEmailJob } from './accounts.service';
import { accountEmail, digestEmail, notificationEmail } from './email-templates';
import { Mailer, OutgoingEmail } from './mailer.service';
import { NOTIFICATION_EMAIL_JOB, NotificationEmailJob } from './notification-fanout.handler';
import { AccountTokenRepository, NotificationRepository } from './notification.repository';

export const DAILY_DIGEST_JOB = 'daily-digest';
export const DIGEST_EMAIL_JOB = 'digest-email';
export interface DigestEmailJob {
  userId: string;
  upTo: string;
}
/** 11:00 UTC: early morning across Canada, before the working day in Newfoundland and after it starts in BC. */
export const DAILY_DIGEST_CRON = '0 11 * * *';

export type EmailOutcome = 'sent' | 'skipped';

const localeOf = (locale: string | null | undefined): Locale => (locale === 'fr' ? 'fr' : 'en');

/**
 * Writes and sends the emails of the email queue. Each send is recorded (emailed_at) after SMTP accepts
 * it and checked before, so a retried job, or the same job added twice, sends once.
 */
@Injectable()
export class EmailHandler {
  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly mailer: Mailer,
    private readonly users: UserRepository,
    private readonly notifications: NotificationRepository,
    private readonly tokens: AccountTokenRepository,
    @InjectQueue(QUEUES.email) private readonly email: Queue,
    private readonly ledger: DeliveryLedger,
    private readonly schedules: JobSchedules,
  ) {}

  async handle(name: string, data: Record<string, unknown>, jobId: string): Promise<EmailOutcome | { queued: number }> {
    switch (name) {
      case NOTIFICATION_EMAIL_JOB:
        return this.notificationEmail(data as unknown as NotificationEmailJob, jobId);
      case ACCOUNT_EMAIL_JOB:
        return this.accountEmail(data as unknown as AccountEmailJob, jobId);
      case DAILY_DIGEST_JOB:
        return this.queueDigests(jobId);
      case DIGEST_EMAIL_JOB:
        return this.digestEmail(data as unknown as DigestEmailJob, jobId);
      default:
        throw new Error(`The email queue has no job named ${name}`);
    }
  }

  /** The repeatable digest job; every worker upserts the same scheduler, so there is one. */
  async scheduleDigest(): Promise<void> {
    await this.schedules.register(this.email, 'daily-digest', { pattern: DAILY_DIGEST_CRON, tz: 'UTC' }, { name: DAILY_DIGEST_JOB, data: {} });
  }

  /**
   * "sending", with the stable Message-ID, is recorded before SMTP: when the record of a send is lost (a
   * crash or Postgres gone right after SMTP accepted), the next attempt resends once under the same
   * Message-ID (a receiving system recognises it), never more; and without Postgres nothing is sent.
   */
  private async send(jobId: string, email: OutgoingEmail): Promise<void> {
    if (jobId) await this.ledger.sending(QUEUES.email, jobId, email.messageId);
    await this.mailer.send(email);
  }

  private async notificationEmail({ notificationId }: NotificationEmailJob, jobId: string): Promise<EmailOutcome> {
    const n = await this.notifications.findById(notificationId);
    if (!n || n.emailedAt || n.emailDelivery !== 'immediately') return 'skipped';
    const user = await this.users.findById(n.userId);
    if (!user || !user.active) return 'skipped';
    const mail = notificationEmail(localeOf(user.locale), this.config.publicBaseUrl, n);
    await this.send(jobId, { ...mail, to: user.email, messageId: `<notification-${n.id}@forum>` });
    await this.notifications.markEmailed([n.id], new Date());
    return 'sent';
  }

  private async accountEmail({ tokenId }: AccountEmailJob, jobId: string): Promise<EmailOutcome> {
    const token = await this.tokens.findById(tokenId);
    if (!token || token.emailedAt || token.usedAt || token.expiresAt <= new Date()) return 'skipped';
    const user = await this.users.findById(token.userId);
    if (!user || !user.active) return 'skipped';
    const secret = accountTokenFor(this.config.jwtSecret, token.id);
    const page = token.purpose === 'invitation' ? 'accept-invitation' : 'reset-password';
    const href = `${this.config.publicBaseUrl}/${localeOf(user.locale)}/${page}?token=${encodeURIComponent(secret)}`;
    const mail = accountEmail(localeOf(user.locale), token.purpose, user.displayName, href, ACCOUNT_TOKEN_TTL_MS[token.purpose]);
    await this.send(jobId, { ...mail, to: user.email, messageId: `<account-${token.id}@forum>` });
    await this.tokens.markEmailed(token.id, new Date());
    return 'sent';
  }

  private async queueDigests(jobId: string): Promise<{ queued: number }> {
    const upTo = new Date();
    const userIds = await this.notifications.usersWithDigestPending(upTo);
    const day = upTo.toISOString().slice(0, 10);
    const jobs = userIds.map((userId) => ({
      name: DIGEST_EMAIL_JOB,
      data: { userId, upTo: upTo.toISOString() } satisfies DigestEmailJob,
      opts: { jobId: `digest-${userId}-${day}-${jobId.replace(/[^A-Za-z0-9-]/g, '-')}` },
    }));
    await this.ledger.record(
      this.ledger.manager(),
      jobs.map((j) => ({ queue: QUEUES.email, jobId: j.opts.jobId, name: j.name, data: { ...j.data } })),
    );
    await this.email.addBulk(jobs);
    return { queued: userIds.length };
  }

  private async digestEmail({ userId, upTo }: DigestEmailJob, jobId: string): Promise<EmailOutcome> {
    const items = await this.notifications.digestPendingOf(userId, new Date(upTo));
    if (!items.length) return 'skipped';
    const user = await this.users.findById(userId);
    if (!user || !user.active) return 'skipped';
    const mail = digestEmail(localeOf(user.locale), this.config.publicBaseUrl, items);
    await this.send(jobId, { ...mail, to: user.email, messageId: `<digest-${items[0].id}-${items.length}@forum>` });
    await this.notifications.markEmailed(
      items.map((n) => n.id),
      new Date(),
    );
    return 'sent';
  }
}
