import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere, In, IsNull, MoreThan, Raw } from 'typeorm';
import type { MembershipRole } from '@forum/contracts';
import { Body } from './body.entity';
import { JoinRequest } from './join-request.entity';
import { Membership } from './membership.entity';

/**
 * The role of a government's current seat in a body, as a scalar subquery for a locator's one-query read: what
 * `MembershipRepository.findActive` finds (a seat not ended), so the access check reads the same fact either way.
 */
export function currentSeatSql(bodyIdSql: string, governmentIdSql: string): string {
  return `(SELECT m.role FROM membership m WHERE m.body_id = ${bodyIdSql} AND m.government_id = ${governmentIdSql} AND m.ended_at IS NULL LIMIT 1)`;
}

@Injectable()
export class BodyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(Body);
  }

  findById(id: string, em?: EntityManager): Promise<Body | null> {
    return this.repo(em).findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<Body[]> {
    return ids.length ? this.repo().findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** which of these ids name a body (the access check's locator) */
  existingIds(ids: string[]): Promise<string[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.repo()
      .find({ select: { id: true }, where: { id: In(ids) } })
      .then((rows) => rows.map((r) => r.id));
  }

  /** the body, if it exists, with the current seat of `governmentId` in it: one query */
  async withSeatOf(id: string, governmentId: string): Promise<{ id: string; seat: MembershipRole | null } | null> {
    const rows: { id: string; seat: MembershipRole | null }[] = await this.dataSource.query(
      `SELECT b.id, ${currentSeatSql('b.id', '$2::uuid')} AS seat FROM body b WHERE b.id = $1`,
      [id, governmentId],
    );
    return rows[0] ?? null;
  }

  findByName(name: string, em?: EntityManager): Promise<Body | null> {
    return this.repo(em).findOneBy({ name: { en: name } });
  }

  page(filter: { kind?: string; parentId?: string; q?: string; memberGovernmentId?: string }, limit: number, offset: number): Promise<[Body[], number]> {
    const qb = this.repo().createQueryBuilder('b');
    if (filter.memberGovernmentId) {
      qb.andWhere('EXISTS (SELECT 1 FROM membership m WHERE m.body_id = b.id AND m.government_id = :gov AND m.ended_at IS NULL)', {
        gov: filter.memberGovernmentId,
      });
    }
    if (filter.kind) qb.andWhere('b.kind = :kind', { kind: filter.kind });
    if (filter.parentId) qb.andWhere('b.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.q) qb.andWhere('(b.name_en ILIKE :q OR b.name_fr ILIKE :q)', { q: `%${filter.q.replace(/[%_\\]/g, '\\$&')}%` });
    return qb.orderBy('b.name_en', 'ASC').addOrderBy('b.id', 'ASC').take(limit).skip(offset).getManyAndCount();
  }

  /** ids of the body and all its ancestors, nearest first; used to refuse cycles and to refer decisions up */
  async ancestorsOf(id: string, em?: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await (em ?? this.dataSource.manager).query(
      `WITH RECURSIVE up(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM body WHERE id = $1
         UNION ALL SELECT b.id, b.parent_id, up.depth + 1 FROM body b JOIN up ON b.id = up.parent_id WHERE up.depth < 50)
       SELECT id FROM up ORDER BY depth`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  save(body: Body, em: EntityManager): Promise<Body> {
    return this.repo(em).save(body);
  }

  insert(body: Partial<Body>, em: EntityManager): Promise<Body> {
    return this.repo(em).save(this.repo(em).create(body));
  }
}

@Injectable()
export class MembershipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(Membership);
  }

  async setRole(id: string, role: Membership['role'], em: EntityManager): Promise<void> {
    await this.repo(em).update({ id }, { role });
  }

  findActive(bodyId: string, governmentId: string, em?: EntityManager): Promise<Membership | null> {
    return this.repo(em).findOneBy({ bodyId, governmentId, endedAt: IsNull() });
  }

  /** the body's members, with their government, in the order of precedence */
  listOfBody(bodyId: string, includeEnded: boolean, em?: EntityManager): Promise<Membership[]> {
    const qb = this.repo(em).createQueryBuilder('m').innerJoinAndSelect('m.government', 'g').where('m.body_id = :bodyId', { bodyId });
    if (!includeEnded) qb.andWhere('m.ended_at IS NULL');
    return qb.orderBy('g.precedence', 'ASC').addOrderBy('g.name_en', 'ASC').addOrderBy('m.started_at', 'ASC').getMany();
  }

  /** the memberships in force at an instant (a meeting's date), observers included */
  listOfBodyAt(bodyId: string, at: Date, em?: EntityManager): Promise<Membership[]> {
    return this.repo(em)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.government', 'g')
      .where('m.body_id = :bodyId', { bodyId })
      .andWhere('m.started_at <= :at AND (m.ended_at IS NULL OR m.ended_at > :at)', { at })
      .orderBy('g.precedence', 'ASC')
      .getMany();
  }

  activeBodyIdsOf(governmentId: string, em?: EntityManager): Promise<string[]> {
    return this.repo(em)
      .find({ select: { bodyId: true }, where: { governmentId, endedAt: IsNull() } })
      .then((rows) => rows.map((r) => r.bodyId));
  }

  countActive(bodyIds: string[], em?: EntityManager): Promise<Map<string, number>> {
    if (!bodyIds.length) return Promise.resolve(new Map());
    return this.repo(em)
      .createQueryBuilder('m')
      .select('m.body_id', 'bodyId')
      .addSelect('COUNT(*)::int', 'count')
      .where('m.body_id IN (:...bodyIds) AND m.ended_at IS NULL', { bodyIds })
      .groupBy('m.body_id')
      .getRawMany<{ bodyId: string; count: number }>()
      .then((rows) => new Map(rows.map((r) => [r.bodyId, r.count])));
  }

  insert(membership: Partial<Membership>, em: EntityManager): Promise<Membership> {
    return this.repo(em).save(this.repo(em).create(membership));
  }

  async end(id: string, at: Date, em: EntityManager): Promise<void> {
    await this.repo(em).update({ id }, { endedAt: at });
  }
}

@Injectable()
export class JoinRequestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(JoinRequest);
  }

  findInBody(bodyId: string, id: string, em?: EntityManager, lock = false): Promise<JoinRequest | null> {
    return this.repo(em).findOne({ where: { id, bodyId }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
  }

  /** how many of the government's requests to this body were rejected since `since` */
  countRejectedSince(bodyId: string, governmentId: string, since: Date, em?: EntityManager): Promise<number> {
    return this.repo(em).countBy({ bodyId, governmentId, status: 'rejected', decidedAt: MoreThan(since) });
  }

  findPending(bodyId: string, governmentId: string, em?: EntityManager): Promise<JoinRequest | null> {
    return this.repo(em).findOneBy({ bodyId, governmentId, status: 'pending' });
  }

  /** `coChairedBy`: only the bodies where that government holds a current co-chair seat */
  page(
    filter: { bodyId?: string; governmentId?: string; status?: string; coChairedBy?: string },
    limit: number,
    offset: number,
    order: 'newest' | 'oldest' = 'newest',
  ): Promise<[JoinRequest[], number]> {
    const where: FindOptionsWhere<JoinRequest> = {};
    if (filter.bodyId) where.bodyId = filter.bodyId;
    if (filter.coChairedBy) {
      where.bodyId = Raw(
        (body) => `${body} IN (SELECT m.body_id FROM membership m WHERE m.government_id = :coChair AND m.role = 'co_chair' AND m.ended_at IS NULL)`,
        {
          coChair: filter.coChairedBy,
        },
      );
    }
    if (filter.governmentId) where.governmentId = filter.governmentId;
    if (filter.status) where.status = filter.status as JoinRequest['status'];
    const direction = order === 'newest' ? 'DESC' : 'ASC';
    return this.repo().findAndCount({ where, order: { createdAt: direction, id: 'ASC' }, take: limit, skip: offset });
  }

  insert(request: Partial<JoinRequest>, em: EntityManager): Promise<JoinRequest> {
    return this.repo(em).save(this.repo(em).create(request));
  }

  save(request: JoinRequest, em: EntityManager): Promise<JoinRequest> {
    return this.repo(em).save(request);
  }
}
