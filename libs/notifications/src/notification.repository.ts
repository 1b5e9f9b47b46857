import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThanOrEqual } from 'typeorm';
import type { NotificationCategory } from '@forum/contracts';
import { zoneOf } from '@forum/core';
import { AccountToken, AccountTokenPurpose } from './account-token.entity';
import type { EmailDelivery } from './delivery.rule';
import { Notification } from './notification.entity';
import { NotificationPreference } from './notification-preference.entity';

/** A notification whose email is due, with what its email needs of its recipient. */
export interface DueEmail {
  id: string;
  title: string;
  body: string;
  link: string | null;
  email: string;
  locale: string;
}

export interface NewNotification {
  userId: string;
  key: string;
  category: NotificationCategory;
  title: string;
  body: string;
  link: string | null;
  emailDelivery: EmailDelivery;
}

@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(Notification);
  }

  /** Each user's zone: their own, else their government's (read once per fan-out). */
  async zonesOf(userIds: string[]): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows: { id: string; own: string | null; government: string | null }[] = await this.dataSource.query(
      `SELECT u.id, u.time_zone AS own, g.time_zone AS government FROM user_account u LEFT JOIN government g ON g.id = u.government_id WHERE u.id = ANY($1::uuid[])`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, zoneOf(r.own, r.government)]));
  }

  findById(id: string): Promise<Notification | null> {
    return this.repo().findOneBy({ id });
  }

  findOfUser(userId: string, id: string): Promise<Notification | null> {
    return this.repo().findOneBy({ id, userId });
  }

  inboxPage(userId: string, unreadOnly: boolean, limit: number, offset: number): Promise<[Notification[], number]> {
    return this.repo().findAndCount({
      where: { userId, ...(unreadOnly && { readAt: IsNull() }) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  countUnread(userId: string): Promise<number> {
    return this.repo().countBy({ userId, readAt: IsNull() });
  }

  /**
   * Inserts what is not there yet and returns every row for the key, new or already there:
   * a retried job finds the rows of its first attempt and finishes what that one left undone.
   */
  async insertOnce(rows: NewNotification[], em?: EntityManager): Promise<Notification[]> {
    if (!rows.length) return [];
    // Plain statements, a column an array: a fan-out writes and reads back a row per recipient.
    const manager = em ?? this.dataSource.manager;
    await manager.query(
      `INSERT INTO notification (user_id, key, category, title, body, link, email_delivery)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::text[], $6::varchar[], $7::varchar[])
       ON CONFLICT (user_id, key) DO NOTHING`,
      [
        rows.map((r) => r.userId),
        rows.map((r) => r.key),
        rows.map((r) => r.category),
        rows.map((r) => r.title),
        rows.map((r) => r.body),
        rows.map((r) => r.link),
        rows.map((r) => r.emailDelivery),
      ],
    );
    const found: Notification[] = await manager.query(
      `SELECT id, user_id AS "userId", key, category, title, body, link, email_delivery AS "emailDelivery", emailed_at AS "emailedAt",
              email_job_id AS "emailJobId", created_at AS "createdAt", read_at AS "readAt"
         FROM notification WHERE user_id = ANY($1::uuid[]) AND key = ANY($2::varchar[])`,
      [[...new Set(rows.map((r) => r.userId))], [...new Set(rows.map((r) => r.key))]],
    );
    const wanted = new Set(rows.map((r) => `${r.userId}/${r.key}`));
    return found.filter((n) => wanted.has(`${n.userId}/${n.key}`));
  }

  async markRead(userId: string, id: string, at: Date, em: EntityManager): Promise<void> {
    await this.repo(em).update({ id, userId, readAt: IsNull() }, { readAt: at });
  }

  async markAllRead(userId: string, at: Date, em: EntityManager): Promise<number> {
    const result = await this.repo(em).update({ userId, readAt: IsNull() }, { readAt: at });
    return result.affected ?? 0;
  }

  /**
   * Takes the emails still due among `ids` for the job `jobId` (one statement for the whole batch): not yet
   * sent, the recipient still active, and no other job holding them, so a notification has one sender.
   */
  async claimForEmail(ids: string[], jobId: string): Promise<DueEmail[]> {
    if (!ids.length) return [];
    const rows: DueEmail[] = returned(
      await this.dataSource.query(
        `UPDATE notification n SET email_job_id = $2 FROM user_account u
        WHERE n.id = ANY($1::uuid[]) AND u.id = n.user_id AND u.active AND n.email_delivery = 'immediately' AND n.emailed_at IS NULL
          AND (n.email_job_id IS NULL OR n.email_job_id = $2)
        RETURNING n.id, n.title, n.body, n.link, u.email, u.locale`,
        [ids, jobId],
      ),
    );
    return rows;
  }

  /** Hands emails of a batch to jobs of their own (`jobIdOf`); only while the batch still holds them. */
  async handOver(ids: string[], fromJobId: string, jobIdOf: (id: string) => string, em: EntityManager): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = returned(
      await em.query(
        `UPDATE notification n SET email_job_id = t.job_id FROM unnest($1::uuid[], $2::varchar[]) AS t(id, job_id)
        WHERE n.id = t.id AND n.email_job_id = $3 AND n.emailed_at IS NULL RETURNING n.id`,
        [ids, ids.map(jobIdOf), fromJobId],
      ),
    );
    return rows.map((r) => r.id);
  }

  async markEmailed(ids: string[], at: Date): Promise<void> {
    // a plain statement: a batch writes one every few sends
    if (ids.length) await this.dataSource.query(`UPDATE notification SET emailed_at = $2 WHERE id = ANY($1::uuid[]) AND emailed_at IS NULL`, [ids, at]);
  }

  usersWithDigestPending(upTo: Date): Promise<string[]> {
    return this.repo()
      .createQueryBuilder('n')
      .select('DISTINCT n.user_id', 'userId')
      .where(`n.email_delivery = 'daily' AND n.emailed_at IS NULL AND n.created_at <= :upTo`, { upTo })
      .getRawMany<{ userId: string }>()
      .then((rows) => rows.map((r) => r.userId));
  }

  digestPendingOf(userId: string, upTo: Date): Promise<Notification[]> {
    return this.repo().find({
      where: { userId, emailDelivery: 'daily', emailedAt: IsNull(), createdAt: LessThanOrEqual(upTo) },
      order: { createdAt: 'ASC' },
      take: 200,
    });
  }
}

@Injectable()
export class NotificationPreferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(NotificationPreference);
  }

  async chosenBy(userId: string): Promise<Partial<Record<NotificationCategory, EmailDelivery>>> {
    return (await this.chosenByUsers([userId])).get(userId) ?? {};
  }

  async chosenByUsers(userIds: string[]): Promise<Map<string, Partial<Record<NotificationCategory, EmailDelivery>>>> {
    const rows: Pick<NotificationPreference, 'userId' | 'category' | 'delivery'>[] = userIds.length
      ? await this.dataSource.query(`SELECT user_id AS "userId", category, delivery FROM notification_preference WHERE user_id = ANY($1::uuid[])`, [userIds])
      : [];
    const byUser = new Map<string, Partial<Record<NotificationCategory, EmailDelivery>>>();
    for (const row of rows) byUser.set(row.userId, { ...byUser.get(row.userId), [row.category]: row.delivery });
    return byUser;
  }

  async save(userId: string, choices: Partial<Record<NotificationCategory, EmailDelivery>>, em: EntityManager): Promise<void> {
    const rows = Object.entries(choices).map(([category, delivery]) => ({ userId, category: category as NotificationCategory, delivery: delivery! }));
    if (rows.length) await this.repo(em).upsert(rows, ['userId', 'category']);
  }
}

@Injectable()
export class AccountTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(AccountToken);
  }

  findById(id: string): Promise<AccountToken | null> {
    return this.repo().findOneBy({ id });
  }

  /** locked: two confirmations of one link cannot both succeed */
  findByHashForUpdate(tokenHash: string, em: EntityManager): Promise<AccountToken | null> {
    return this.repo(em).findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  insert(token: Partial<AccountToken>, em: EntityManager): Promise<AccountToken> {
    return this.repo(em).save(this.repo(em).create(token));
  }

  /** a new link, or a password set, makes every older link of the same kind useless */
  async retireOpen(userId: string, purpose: AccountTokenPurpose, at: Date, em: EntityManager): Promise<void> {
    await this.repo(em).update({ userId, purpose, usedAt: IsNull() }, { usedAt: at });
  }

  async markUsed(id: string, at: Date, em: EntityManager): Promise<void> {
    await this.repo(em).update({ id }, { usedAt: at });
  }

  async markEmailed(id: string, at: Date): Promise<void> {
    await this.repo().update({ id, emailedAt: IsNull() }, { emailedAt: at });
  }
}

/** TypeORM answers an UPDATE … RETURNING on Postgres with [rows, affected]. */
function returned<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
