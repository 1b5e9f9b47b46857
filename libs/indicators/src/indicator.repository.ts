import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { IndicatorLevel } from '@forum/contracts';
import { Indicator, IndicatorAlert, IndicatorObservation, IndicatorObservationRevision, IndicatorReminder } from './indicator.entity';

export interface PeriodTotal {
  period: string;
  total: number;
}

/** Indicators, their reported figures, revisions, alerts and reminders. */
@Injectable()
export class IndicatorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(em?: EntityManager) {
    return em ?? this.dataSource.manager;
  }

  findById(id: string, em?: EntityManager, lock = false): Promise<Indicator | null> {
    const qb = this.manager(em).getRepository(Indicator).createQueryBuilder('i').where('i.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  findByCode(bodyId: string, code: string, em?: EntityManager): Promise<Indicator | null> {
    return this.manager(em)
      .getRepository(Indicator)
      .createQueryBuilder('i')
      .where('i.body_id = :bodyId AND lower(i.code) = lower(:code)', { bodyId, code })
      .getOne();
  }

  insert(indicator: Partial<Indicator>, em: EntityManager): Promise<Indicator> {
    return em.getRepository(Indicator).save(em.getRepository(Indicator).create(indicator));
  }

  save(indicator: Indicator, em: EntityManager): Promise<Indicator> {
    return em.getRepository(Indicator).save(indicator);
  }

  /** the indicators of the given bodies (all of them when `bodyIds` is null), by body then code */
  page(filter: { bodyIds: string[] | null; bodyId?: string }, limit: number, offset: number): Promise<[Indicator[], number]> {
    const qb = this.manager().getRepository(Indicator).createQueryBuilder('i');
    if (filter.bodyIds) qb.andWhere('i.body_id = ANY(:bodyIds)', { bodyIds: filter.bodyIds });
    if (filter.bodyId) qb.andWhere('i.body_id = :bodyId', { bodyId: filter.bodyId });
    return qb.orderBy('i.body_id').addOrderBy('i.code').take(limit).skip(offset).getManyAndCount();
  }

  /** the latest reported month of each indicator with its total, in one query */
  async latestTotals(indicatorIds: string[], em?: EntityManager): Promise<Map<string, PeriodTotal>> {
    if (!indicatorIds.length) return new Map();
    const rows: { indicator_id: string; period: string; total: string }[] = await this.manager(em).query(
      `SELECT DISTINCT ON (indicator_id) indicator_id, period, sum(value) OVER (PARTITION BY indicator_id, period) AS total
         FROM indicator_observation WHERE indicator_id = ANY($1)
        ORDER BY indicator_id, period DESC`,
      [indicatorIds],
    );
    return new Map(rows.map((r) => [r.indicator_id, { period: r.period, total: Number(r.total) }]));
  }

  findObservation(indicatorId: string, governmentId: string, period: string, em?: EntityManager): Promise<IndicatorObservation | null> {
    return this.manager(em).getRepository(IndicatorObservation).findOneBy({ indicatorId, governmentId, period });
  }

  saveObservation(observation: Omit<IndicatorObservation, never>, em: EntityManager): Promise<IndicatorObservation> {
    const repo = em.getRepository(IndicatorObservation);
    return repo.save(repo.create(observation));
  }

  insertRevision(revision: Partial<IndicatorObservationRevision>, em: EntityManager): Promise<unknown> {
    return em.getRepository(IndicatorObservationRevision).insert(revision);
  }

  revisionsOf(indicatorId: string, governmentId: string, period: string): Promise<IndicatorObservationRevision[]> {
    return this.manager()
      .getRepository(IndicatorObservationRevision)
      .find({ where: { indicatorId, governmentId, period }, order: { revision: 'ASC' } });
  }

  /** every figure of an indicator between two months (both included) */
  observations(indicatorId: string, from: string | null, to: string | null): Promise<IndicatorObservation[]> {
    const qb = this.manager().getRepository(IndicatorObservation).createQueryBuilder('o').where('o.indicator_id = :indicatorId', { indicatorId });
    if (from) qb.andWhere('o.period >= :from', { from });
    if (to) qb.andWhere('o.period <= :to', { to });
    return qb.orderBy('o.period', 'ASC').getMany();
  }

  async totalOf(indicatorId: string, period: string, em: EntityManager): Promise<number> {
    const [row]: { total: string | null }[] = await em.query(`SELECT sum(value) AS total FROM indicator_observation WHERE indicator_id = $1 AND period = $2`, [
      indicatorId,
      period,
    ]);
    return Number(row?.total ?? 0);
  }

  async alertedLevels(indicatorId: string, period: string, em: EntityManager): Promise<IndicatorLevel[]> {
    const rows = await em.getRepository(IndicatorAlert).find({ select: { level: true }, where: { indicatorId, period } });
    return rows.map((r) => r.level);
  }

  insertAlert(alert: Partial<IndicatorAlert>, em: EntityManager): Promise<IndicatorAlert> {
    return em.getRepository(IndicatorAlert).save(em.getRepository(IndicatorAlert).create(alert));
  }

  alerts(indicatorId: string, limit: number, offset: number): Promise<[IndicatorAlert[], number]> {
    return this.manager()
      .getRepository(IndicatorAlert)
      .findAndCount({ where: { indicatorId }, order: { period: 'DESC', createdAt: 'DESC' }, take: limit, skip: offset });
  }

  /** the bodies (among those given) whose latest alert of the current or previous month is still standing */
  async standingAlerts(
    bodyIds: string[] | null,
    sincePeriod: string,
  ): Promise<{ indicatorId: string; bodyId: string; period: string; level: IndicatorLevel }[]> {
    const rows: { indicator_id: string; body_id: string; period: string; level: IndicatorLevel }[] = await this.manager().query(
      `SELECT DISTINCT ON (a.indicator_id) a.indicator_id, i.body_id, a.period, a.level
         FROM indicator_alert a JOIN indicator i ON i.id = a.indicator_id
        WHERE a.period >= $1 AND ($2::uuid[] IS NULL OR i.body_id = ANY($2))
        ORDER BY a.indicator_id, a.period DESC, a.level = 'surge' DESC`,
      [sincePeriod, bodyIds],
    );
    return rows.map((r) => ({ indicatorId: r.indicator_id, bodyId: r.body_id, period: r.period, level: r.level }));
  }

  /** indicators that existed by the end of `period` (a month before an indicator existed is never asked for) */
  existingBy(period: string): Promise<Indicator[]> {
    return this.manager()
      .getRepository(Indicator)
      .createQueryBuilder('i')
      .where(`i.created_at < (to_date(:period, 'YYYY-MM') + interval '1 month')`, { period })
      .orderBy('i.id')
      .getMany();
  }

  /** the governments (among those given) that reported `period` of the indicator, or were already reminded of it */
  async reportedOrReminded(indicatorId: string, period: string, governmentIds: string[]): Promise<Set<string>> {
    if (!governmentIds.length) return new Set();
    const rows: { government_id: string }[] = await this.manager().query(
      `SELECT government_id FROM indicator_observation WHERE indicator_id = $1 AND period = $2 AND government_id = ANY($3)
       UNION SELECT government_id FROM indicator_reminder WHERE indicator_id = $1 AND period = $2 AND government_id = ANY($3)`,
      [indicatorId, period, governmentIds],
    );
    return new Set(rows.map((r) => r.government_id));
  }

  /** records a reminder; false when it was already recorded (another worker got there first) */
  async markReminded(indicatorId: string, governmentId: string, period: string, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(IndicatorReminder)
      .values({ indicatorId, governmentId, period })
      .orIgnore()
      .returning(['indicatorId'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  findByIds(ids: string[]): Promise<Indicator[]> {
    return ids.length
      ? this.manager()
          .getRepository(Indicator)
          .findBy({ id: In(ids) })
      : Promise.resolve([]);
  }
}
