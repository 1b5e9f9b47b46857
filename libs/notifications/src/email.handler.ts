import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DeliveryInProgress, DeliveryLedger, FORUM_CONFIG, ForumConfig, JobSchedules, SENDING_LIVE_MS, SENDING_REFRESH_MS } from '@forum/core';
import { QUEUES, type Locale } from '@forum/contracts';
import { UserRepository } from '@forum/identity';
import { ACCOUNT_TOKEN_TTL_MS, accountTokenFor } from './account-token';
import { ACCOUNT_EMAIL_JOB, AccountEmailJob } from './accounts.service';
import { accountEmail, digestEmail, notificationEmail } from './email-templates';
import { Mailer, OutgoingEmail, PreparedEmail } from './mailer.service';
import { NOTIFICATION_EMAIL_JOB, NOTIFICATION_EMAILS_JOB, NotificationEmailJob, NotificationEmailsJob } from './notification-fanout.handler';
import { AccountTokenRepository, DueEmail, NotificationRepository } from './notification.repository';

export const DAILY_DIGEST_JOB = 'daily-digest';
export const DIGEST_EMAIL_JOB = 'digest-email';
export interface DigestEmailJob {
  userId: string;
  upTo: string;
}
/** 11:00 UTC: early morning across Canada, before the working day in Newfoundland and after it starts in BC. */
export const DAILY_DIGEST_CRON = '0 11 * * *';

export type EmailOutcome = 'sent' | 'skipped';
export type BatchOutcome = { sent: number; handedOver: number };

const messageIdOf = (notificationId: string) => `<notification-${notificationId}@forum>`;

/** Records the sends accepted meanwhile in one statement, while the batch goes on sending. */
class Marks {
  private pending: string[] = [];
  private flushing: Promise<void> | null = null;
  private error: unknown = null;

  constructor(private readonly mark: (ids: string[]) => Promise<void>) {}

  add(id: string): void {
    this.pending.push(id);
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    while (this.pending.length) {
      try {
        await this.mark(this.pending.splice(0));
      } catch (error) {
        this.error ??= error;
      }
    }
    this.flushing = null;
  }

  /** every mark written; the first that failed thrown (those sends go again, under the same Message-ID) */
  async drained(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.error) throw this.error;
  }
}

const localeOf = (locale: string | null | undefined): Locale => (locale === 'fr' ? 'fr' : 'en');

/**
 * Writes and sends the emails of the email queue. Each send is recorded (emailed_at) after SMTP accepts
 * it and checked before, so a retried job, or the same job added twice, sends once; a notification's email
 * is claimed by one job (its batch, or the job it was handed to), so two jobs never both send it.
 */
@Injectable()
export class EmailHandler {
  private readonly logger = new Logger('EmailHandler');

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

  async handle(name: string, data: Record<string, unknown>, jobId: string): Promise<EmailOutcome | BatchOutcome | { queued: number }> {
    switch (name) {
      case NOTIFICATION_EMAILS_JOB:
        return this.notificationEmails(data as unknown as NotificationEmailsJob, jobId);
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

  /** A recipient handed out of its batch (or a job recorded before batches): a batch of one. */
  private notificationEmail({ notificationId }: NotificationEmailJob, jobId: string): Promise<BatchOutcome> {
    return this.notificationEmails({ notificationIds: [notificationId] }, jobId || `email-${notificationId}`);
  }

  /**
   * The emails of a batch, over the pooled connections at once. The batch first claims its rows (a
   * notification has one sender), each send is recorded (emailed_at) as SMTP accepts it, so a retried batch
   * sends only what is left. A recipient refused while others went through is handed to a job of its own,
   * retried and dead-lettered alone; when all are refused it is the server, and the whole batch is retried.
   */
  private async notificationEmails({ notificationIds }: NotificationEmailsJob, jobId: string): Promise<BatchOutcome> {
    if (jobId) await this.startAlone(jobId, notificationIds.length === 1 ? messageIdOf(notificationIds[0]) : null);
    const due = await this.notifications.claimForEmail(notificationIds, jobId);
    if (!due.length) return { sent: 0, handedOver: 0 };
    // A batch outlives one send's time limits: its "sending" record is refreshed while it runs, so neither the sweep
    // nor a second attempt of the same job (added again after Redis lost it) takes it for over.
    const heartbeat = jobId
      ? setInterval(
          () =>
            void this.ledger
              .stillSending(QUEUES.email, jobId)
              .catch((error: Error) => this.logger.warn(`email batch ${jobId}: sending record not refreshed: ${error.message}`)),
          SENDING_REFRESH_MS,
        )
      : null;
    try {
      return await this.sendBatch(due, jobId);
    } finally {
      if (heartbeat) clearInterval(heartbeat);
    }
  }

  /**
   * Waits (a few seconds at most) for another live attempt of the same batch to finish or be given up; still live
   * after that, this attempt is retried later (DeliveryInProgress). Two attempts of a job never send side by side.
   */
  private async startAlone(jobId: string, messageId: string | null): Promise<void> {
    const giveUpAt = Date.now() + SENDING_LIVE_MS + SENDING_REFRESH_MS;
    while (!(await this.ledger.startSending(QUEUES.email, jobId, messageId))) {
      if (Date.now() > giveUpAt) throw new DeliveryInProgress(`email job ${jobId}: another attempt is still sending`);
      await new Promise((resolve) => setTimeout(resolve, SENDING_REFRESH_MS));
    }
  }

  private async sendBatch(due: DueEmail[], jobId: string): Promise<BatchOutcome> {
    // Recipients who read the same language in the same zone get the same email: written and built once.
    const prepared = new Map<string, Promise<PreparedEmail>>();
    const preparedFor = (n: DueEmail) => {
      const locale = localeOf(n.locale);
      const key = `${locale}\u0000${n.title}\u0000${n.body}\u0000${n.link ?? ''}`;
      let mail = prepared.get(key);
      if (!mail) prepared.set(key, (mail = this.mailer.prepare(notificationEmail(locale, this.config.publicBaseUrl, n))));
      return mail;
    };
    const marks = new Marks((ids) => this.notifications.markEmailed(ids, new Date()));
    const refused: { n: DueEmail; error: Error }[] = [];
    let next = 0;
    const lane = async () => {
      while (next < due.length) {
        const n = due[next++];
        try {
          await (await preparedFor(n)).send(n.email, messageIdOf(n.id));
        } catch (error) {
          refused.push({ n, error: error as Error });
          continue;
        }
        marks.add(n.id);
      }
    };
    const lanes = await Promise.allSettled(Array.from({ length: Math.min(this.config.email.maxConnections, due.length) }, lane));
    await marks.drained();
    const stopped = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (stopped) throw stopped.reason;
    if (!refused.length) return { sent: due.length, handedOver: 0 };
    if (refused.length === due.length) throw refused[0].error;
    return { sent: due.length - refused.length, handedOver: await this.handOver(refused, jobId) };
  }

  /**
   * Each refused recipient of a batch becomes a delivery and a job of its own: its claim moves to that job in the
   * transaction that records the delivery, so the sweep adds the job should this process stop before Redis has it.
   */
  private async handOver(refused: { n: DueEmail; error: Error }[], fromJobId: string): Promise<number> {
    const jobIdOf = (id: string) => `email-${id}`;
    const moved = await this.ledger.manager().transaction(async (em) => {
      const ids = await this.notifications.handOver(
        refused.map((r) => r.n.id),
        fromJobId,
        jobIdOf,
        em,
      );
      await this.ledger.record(
        em,
        ids.map((id) => ({ queue: QUEUES.email, jobId: jobIdOf(id), name: NOTIFICATION_EMAIL_JOB, data: { notificationId: id } })),
      );
      return ids;
    });
    const errorOf = new Map(refused.map((r) => [r.n.id, r.error.message]));
    // the dead-letter view shows why each was handed over, from its first attempt on
    for (const id of moved) await this.ledger.attemptFailed(QUEUES.email, jobIdOf(id), errorOf.get(id) ?? 'refused', false);
    await this.email.addBulk(
      moved.map((id) => ({ name: NOTIFICATION_EMAIL_JOB, data: { notificationId: id } satisfies NotificationEmailJob, opts: { jobId: jobIdOf(id) } })),
    );
    return moved.length;
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
