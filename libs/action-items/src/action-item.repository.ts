import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { currentSeatSql } from '@forum/bodies';
import type { MembershipRole } from '@forum/contracts';
import { bilingual, poolQuery } from '@forum/core';
import { Government } from '@forum/governments';
import { User } from '@forum/identity';
import { OPEN_STATUSES, type ActionItemStatus } from './action-item-status.rule';
import { ActionItem } from './action-item.entity';
import { ActionItemUpdate } from './action-item-update.entity';
import type { ActionItemSort } from './action-item.dto';
import type { DeadlineThreshold } from './deadline.rule';

/** Funding claims summed for one side of a government's position (integer cents). */
export interface FundingPositionFigures {
  claims: number;
  requestedCents: number;
  approvedCents: number;
  paidCents: number;
  outstandingCents: number;
}

export interface ActionItemFilter {
  /** null: every body (the secretariat); otherwise only these */
  scopeBodyIds: string[] | null;
  bodyId?: string;
  governmentId?: string;
  meetingId?: string;
  statuses?: ActionItemStatus[];
  dueFrom?: string;
  dueTo?: string;
  overdueAt?: Date;
}

/** An open item near or past its due date, with what the scan needs to read "today" and to escalate. */
export interface DeadlineCandidate {
  item: ActionItem;
  leadTimeZone: string;
  parentBodyId: string | null;
}

/** Every column of an action item, as the hot reads select them (the date as Postgres writes it, as TypeORM hands it). */
const ITEM_COLUMNS = `ai.id, ai.body_id, ai.meeting_id, ai.decision_id, ai.title_en, ai.title_fr, ai.description_en, ai.description_fr,
  ai.source_lang, ai.lead_government_id, ai.supporting_government_ids, ai.responsible_user_ids, ai.due_on::text AS due_on, ai.status,
  ai.progress, ai.priority, ai.estimated_cost_cents, ai.actual_cost_cents, ai.funding_source, ai.cost_shares, ai.completed_at,
  ai.escalated_at, ai.escalated_to_body_id, ai.created_by_user_id, ai.version, ai.created_at, ai.updated_at`;

/** One row of ITEM_COLUMNS as pg hands it back. */
export interface ActionItemRow {
  id: string;
  body_id: string;
  meeting_id: string | null;
  decision_id: string | null;
  title_en: string | null;
  title_fr: string | null;
  description_en: string | null;
  description_fr: string | null;
  source_lang: ActionItem['sourceLang'];
  lead_government_id: string;
  supporting_government_ids: string[];
  responsible_user_ids: string[];
  due_on: string;
  status: ActionItem['status'];
  progress: number;
  priority: ActionItem['priority'];
  /** bigint: a string from pg */
  estimated_cost_cents: string | null;
  actual_cost_cents: string | null;
  funding_source: string | null;
  cost_shares: ActionItem['costShares'];
  completed_at: Date | null;
  escalated_at: Date | null;
  escalated_to_body_id: string | null;
  created_by_user_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const cents = (value: string | null) => (value === null ? null : Number(value));

/** The entity TypeORM would hydrate from the same row (the bigint cents as numbers, the texts as BilingualText). */
export function actionItemFromRow(r: ActionItemRow): ActionItem {
  const item = new ActionItem();
  item.id = r.id;
  item.bodyId = r.body_id;
  item.meetingId = r.meeting_id;
  item.decisionId = r.decision_id;
  item.title = bilingual(r.title_en, r.title_fr);
  item.description = bilingual(r.description_en, r.description_fr);
  item.sourceLang = r.source_lang;
  item.leadGovernmentId = r.lead_government_id;
  item.supportingGovernmentIds = r.supporting_government_ids;
  item.responsibleUserIds = r.responsible_user_ids;
  item.dueOn = r.due_on;
  item.status = r.status;
  item.progress = r.progress;
  item.priority = r.priority;
  item.estimatedCostCents = cents(r.estimated_cost_cents);
  item.actualCostCents = cents(r.actual_cost_cents);
  item.fundingSource = r.funding_source;
  item.costShares = r.cost_shares;
  item.completedAt = r.completed_at;
  item.escalatedAt = r.escalated_at;
  item.escalatedToBodyId = r.escalated_to_body_id;
  item.createdByUserId = r.created_by_user_id;
  item.version = r.version;
  item.createdAt = r.created_at;
  item.updatedAt = r.updated_at;
  return item;
}

const PRIORITY_RANK = `CASE ai.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;

@Injectable()
export class ActionItemRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(ActionItem);
  }

  findById(id: string, em?: EntityManager): Promise<ActionItem | null> {
    return this.repo(em).findOneBy({ id });
  }

  /** the body and lead government of each item, for the access check (one query for many ids) */
  accessFacts(ids: string[]): Promise<Array<Pick<ActionItem, 'id' | 'bodyId' | 'leadGovernmentId'>>> {
    if (!ids.length) return Promise.resolve([]);
    return this.repo().find({ select: { id: true, bodyId: true, leadGovernmentId: true }, where: { id: In(ids) } });
  }

  /** the item with the current seat of `governmentId` in its body: the access check's and the read's one query */
  async withSeatOf(id: string, governmentId: string): Promise<{ item: ActionItem; seat: MembershipRole | null } | null> {
    const rows = await poolQuery<ActionItemRow & { caller_seat: MembershipRole | null }>(
      this.dataSource,
      `SELECT ${ITEM_COLUMNS}, ${currentSeatSql('ai.body_id', '$2::uuid')} AS caller_seat FROM action_item ai WHERE ai.id = $1`,
      [id, governmentId],
      'action-item-with-seat',
    );
    return rows[0] ? { item: actionItemFromRow(rows[0]), seat: rows[0].caller_seat } : null;
  }

  insert(item: Partial<ActionItem>, em: EntityManager): Promise<ActionItem> {
    return this.repo(em).save(this.repo(em).create(item));
  }

  /**
   * Applies the changes only if nobody wrote since `version` was read, and bumps the version.
   * TypeORM's version column does not guard an update by itself: the WHERE and the affected-row count do.
   */
  async updateIfVersion(id: string, version: number, changes: Partial<ActionItem>, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ActionItem)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' } as never)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return result.affected === 1;
  }

  /**
   * The page and the total in one query; only a page past the end needs a count of its own. The total is an
   * uncorrelated scalar subquery (counted once, from the index), not `count(*) over ()`, which would read and
   * sort every matching row, whole, to cut a page of 50. Written as SQL and read as raw rows: the list is a hot
   * read, and TypeORM's query building and hydration of each row cost more than the page's own mapping.
   */
  async page(
    filter: ActionItemFilter,
    sort: ActionItemSort,
    order: 'asc' | 'desc' | undefined,
    limit: number,
    offset: number,
  ): Promise<[ActionItem[], number]> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (filter.scopeBodyIds) where.push(`ai.body_id = ANY(${param(filter.scopeBodyIds)}::uuid[])`);
    if (filter.bodyId) where.push(`ai.body_id = ${param(filter.bodyId)}::uuid`);
    if (filter.governmentId) {
      const government = param(filter.governmentId);
      where.push(`(ai.lead_government_id = ${government}::uuid OR ${government}::uuid = ANY(ai.supporting_government_ids))`);
    }
    if (filter.meetingId) where.push(`ai.meeting_id = ${param(filter.meetingId)}::uuid`);
    if (filter.statuses?.length) where.push(`ai.status = ANY(${param(filter.statuses)}::varchar[])`);
    if (filter.dueFrom) where.push(`ai.due_on >= ${param(filter.dueFrom)}::date`);
    if (filter.dueTo) where.push(`ai.due_on <= ${param(filter.dueTo)}::date`);
    if (filter.overdueAt) {
      // "today" is the lead government's: an item due in Vancouver is not overdue while it is still that day there.
      where.push(`ai.status = ANY(${param(OPEN_STATUSES)}::varchar[])`);
      where.push(
        `ai.due_on < (${param(filter.overdueAt.toISOString())}::timestamptz AT TIME ZONE (SELECT g.time_zone FROM government g WHERE g.id = ai.lead_government_id))::date`,
      );
    }
    const direction = (fallback: 'ASC' | 'DESC') => (order ? (order.toUpperCase() as 'ASC' | 'DESC') : fallback);
    const orderBy =
      sort === 'priority'
        ? `${PRIORITY_RANK} ${direction('ASC')}, ai.due_on ASC`
        : sort === 'updatedAt'
          ? `ai.updated_at ${direction('DESC')}`
          : sort === 'createdAt'
            ? `ai.created_at ${direction('DESC')}`
            : `ai.due_on ${direction('ASC')}`;
    const filtered = `FROM action_item ai${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const countParams = [...params];
    const rows = await poolQuery<ActionItemRow & { total_count: string }>(
      this.dataSource,
      // the subquery's `ai` is its own: the same filter over the same table
      `SELECT ${ITEM_COLUMNS}, (SELECT count(*) ${filtered}) AS total_count ${filtered} ORDER BY ${orderBy}, ai.id ASC LIMIT ${param(limit)} OFFSET ${param(offset)}`,
      params,
    );
    if (rows.length) return [rows.map(actionItemFromRow), Number(rows[0].total_count)];
    if (offset === 0) return [[], 0];
    const counted: { total: number }[] = await this.dataSource.query(`SELECT count(*)::int AS total ${filtered}`, countParams);
    return [[], counted[0].total];
  }

  /** Every item of the given bodies (reports read them all at once, never one query per item). */
  findInBodies(bodyIds: string[]): Promise<ActionItem[]> {
    return bodyIds.length ? this.repo().findBy({ bodyId: In(bodyIds) }) : Promise.resolve([]);
  }

  /** every item of the scope's bodies (null: every body) */
  findInScope(bodyIds: string[] | null): Promise<ActionItem[]> {
    return bodyIds ? this.findInBodies(bodyIds) : this.repo().find();
  }

  /** Items a government answers for, in the bodies given: led, supported or sharing the cost. */
  findInvolving(governmentId: string, scopeBodyIds: string[] | null): Promise<ActionItem[]> {
    const qb = this.repo()
      .createQueryBuilder('ai')
      .where(
        `(ai.lead_government_id = :governmentId OR :governmentId = ANY(ai.supporting_government_ids) OR ai.cost_shares @> jsonb_build_array(jsonb_build_object('governmentId', CAST(:governmentId AS text))))`,
        { governmentId },
      );
    if (scopeBodyIds) qb.andWhere('ai.body_id IN (:...scope)', { scope: scopeBodyIds.length ? scopeBodyIds : ['00000000-0000-0000-0000-000000000000'] });
    return qb.getMany();
  }

  /** Items escalated from the children of a body: the parent body sees what its groups failed to deliver. */
  findEscalatedTo(bodyId: string): Promise<ActionItem[]> {
    return this.repo()
      .createQueryBuilder('ai')
      .where('ai.escalated_to_body_id = :bodyId AND ai.status IN (:...open)', { bodyId, open: OPEN_STATUSES })
      .orderBy('ai.due_on', 'ASC')
      .getMany();
  }

  /** Open items due on or before `dueBy`, with their lead government's zone and their body's parent. */
  async findOpenDueBy(dueBy: string): Promise<DeadlineCandidate[]> {
    const { entities, raw } = await this.repo()
      .createQueryBuilder('ai')
      .innerJoin(Government, 'g', 'g.id = ai.lead_government_id')
      .leftJoin('body', 'b', 'b.id = ai.body_id')
      .addSelect('g.time_zone', 'lead_time_zone')
      .addSelect('b.parent_id', 'parent_body_id')
      .where('ai.status IN (:...open) AND ai.due_on <= :dueBy', { open: OPEN_STATUSES, dueBy })
      .orderBy('ai.due_on', 'ASC')
      .addOrderBy('ai.id', 'ASC')
      .getRawAndEntities<{ ai_id: string; lead_time_zone: string; parent_body_id: string | null }>();
    const byId = new Map(raw.map((r) => [r.ai_id, r]));
    return entities.map((item) => ({
      item,
      leadTimeZone: byId.get(item.id)?.lead_time_zone ?? 'America/Toronto',
      parentBodyId: byId.get(item.id)?.parent_body_id ?? null,
    }));
  }

  async markEscalated(id: string, toBodyId: string | null, at: Date, em: EntityManager): Promise<void> {
    // Not a user's edit: no version bump, so an official's pending PATCH is not refused because of the scan.
    await this.repo(em).update({ id }, { escalatedAt: at, escalatedToBodyId: toBodyId });
  }

  /** The body a meeting belongs to (null if there is no such meeting). */
  async meetingBodyId(meetingId: string, em?: EntityManager): Promise<string | null> {
    const rows: { body_id: string }[] = await (em ?? this.dataSource.manager).query(`SELECT body_id FROM meeting WHERE id = $1`, [meetingId]);
    return rows[0]?.body_id ?? null;
  }

  /** The meeting and body a recorded decision belongs to (null if there is no such decision). */
  async decisionOrigin(decisionId: string, em?: EntityManager): Promise<{ meetingId: string; bodyId: string } | null> {
    const rows: { meeting_id: string; body_id: string }[] = await (em ?? this.dataSource.manager).query(
      `SELECT meeting_id, body_id FROM meeting_decision WHERE id = $1`,
      [decisionId],
    );
    return rows[0] ? { meetingId: rows[0].meeting_id, bodyId: rows[0].body_id } : null;
  }

  /**
   * A government's funding position in the bodies given: the claims it made (as claimant) and the claims made
   * against its programs (as funder), in cents; requested counts the claims not rejected. One query.
   */
  async fundingPositionOf(governmentId: string, scopeBodyIds: string[] | null): Promise<Record<'asClaimant' | 'asFunder', FundingPositionFigures>> {
    const rows: { side: 'asClaimant' | 'asFunder'; claims: number; requested: string; approved: string; paid: string }[] = await this.dataSource.query(
      `SELECT side, count(*)::int AS claims,
              COALESCE(SUM(CASE WHEN c.status <> 'rejected' THEN c.requested_cents END), 0) AS requested,
              COALESCE(SUM(c.approved_cents), 0) AS approved,
              COALESCE(SUM(c.paid_cents), 0) AS paid
         FROM funding_claim c
         JOIN funding_program p ON p.id = c.program_id
         CROSS JOIN LATERAL (VALUES ('asClaimant', c.claimant_government_id = $1), ('asFunder', p.funding_government_id = $1)) AS s(side, applies)
        WHERE s.applies AND ($2::uuid[] IS NULL OR c.body_id = ANY($2::uuid[]))
        GROUP BY side`,
      [governmentId, scopeBodyIds],
    );
    const empty = (): FundingPositionFigures => ({ claims: 0, requestedCents: 0, approvedCents: 0, paidCents: 0, outstandingCents: 0 });
    const position = { asClaimant: empty(), asFunder: empty() };
    for (const r of rows) {
      const approved = Number(r.approved);
      const paid = Number(r.paid);
      position[r.side] = { claims: r.claims, requestedCents: Number(r.requested), approvedCents: approved, paidCents: paid, outstandingCents: approved - paid };
    }
    return position;
  }

  /** The secretariat's active accounts: escalations go to them by name. */
  async secretariatUserIds(em?: EntityManager): Promise<string[]> {
    const rows = await (em ?? this.dataSource.manager).getRepository(User).find({ select: { id: true }, where: { role: 'secretariat', active: true } });
    return rows.map((r) => r.id);
  }
}

@Injectable()
export class ActionItemUpdateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(ActionItemUpdate);
  }

  insert(update: Partial<ActionItemUpdate>, em: EntityManager): Promise<ActionItemUpdate> {
    return this.repo(em).save(this.repo(em).create(update));
  }

  /** every update of these items, oldest first: what an "as of" report rebuilds them from */
  ofItems(actionItemIds: string[]): Promise<ActionItemUpdate[]> {
    return actionItemIds.length
      ? this.repo().find({ where: { actionItemId: In(actionItemIds) }, order: { createdAt: 'ASC', id: 'ASC' } })
      : Promise.resolve([]);
  }

  /** The item's history, newest first, with each author's name in the same query. */
  async pageOfItem(actionItemId: string, limit: number, offset: number): Promise<[{ update: ActionItemUpdate; authorName: string | null }[], number]> {
    const qb = this.repo()
      .createQueryBuilder('up')
      .leftJoin(User, 'u', 'u.id = up.author_user_id')
      .addSelect('u.display_name', 'author_name')
      .where('up.action_item_id = :actionItemId', { actionItemId })
      .orderBy('up.created_at', 'DESC')
      .addOrderBy('up.version', 'DESC')
      .limit(limit)
      .offset(offset);
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities<{ up_id: string; author_name: string | null }>(), qb.getCount()]);
    const names = new Map(raw.map((r) => [r.up_id, r.author_name]));
    return [entities.map((update) => ({ update, authorName: names.get(update.id) ?? null })), total];
  }
}

@Injectable()
export class DeadlineNoticeRepository {
  /**
   * Claims the notice for (item, threshold, due date); true only for the one caller whose insert took.
   * The primary key makes a second scan, or a second worker, a no-op.
   */
  async claim(actionItemId: string, threshold: DeadlineThreshold, dueOn: string, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO action_item_deadline_notice (action_item_id, threshold, due_on) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING action_item_id`,
      [actionItemId, threshold, dueOn],
    );
    return rows.length === 1;
  }
}
