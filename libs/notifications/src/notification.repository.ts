import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, LessThanOrEqual } from 'typeorm';
import type { NotificationCategory } from '@forum/contracts';
import { zoneOf } from '@forum/core';
import { AccountToken, AccountTokenPurpose } from './account-token.entity';
import type { EmailDelivery } from './delivery.rule';
import { Notification } from './notification.entity';
import { NotificationPreference } from './notification-preference.entity';

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
    await this.repo(em).createQueryBuilder().insert().into(Notification).values(rows).orIgnore().execute();
    const keys = [...new Set(rows.map((r) => r.key))];
    const found = await this.repo(em).findBy({ userId: In(rows.map((r) => r.userId)), key: In(keys) });
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

  /** true when this call recorded the send; false when another attempt had already */
  async markEmailed(ids: string[], at: Date): Promise<void> {
    if (ids.length) await this.repo().update({ id: In(ids), emailedAt: IsNull() }, { emailedAt: at });
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
    const rows = userIds.length ? await this.repo().findBy({ userId: In(userIds) }) : [];
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
