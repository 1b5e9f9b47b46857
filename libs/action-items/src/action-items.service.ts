import { ActionItemReason, CommonReason } from '@forum/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BodyAccess, MembershipRepository, requireOpenBody } from '@forum/bodies';
import type { DomainEvent, Locale, NotificationIntent, Page } from '@forum/contracts';
import {
  Caller,
  conflict,
  DomainError,
  type LocatedTarget,
  EventRecorder,
  forbidden,
  invalid,
  isSecretariat,
  notFound,
  bilingual,
  BilingualRead,
  BilingualText,
  contentFor,
  formatDay,
  readBilingual,
  writeBilingual,
} from '@forum/core';
import { UserRepository } from '@forum/identity';
import { checkTransition, isOpen, progressAfter, type ActionItemStatus } from './action-item-status.rule';
import { ActionItem } from './action-item.entity';
import { ActionItemUpdate, ActionItemUpdateKind, FieldChange } from './action-item-update.entity';
import { ActionItemListQuery, CreateActionItemDto, CreateProgressReportDto, UpdateActionItemDto } from './action-item.dto';
import { ActionItemRepository, ActionItemUpdateRepository } from './action-item.repository';
import { ActionItemUpdateView, ActionItemView, toActionItemUpdateView, toActionItemView } from './action-item.view';
import { costShareRefusal, type CostShare } from './cost-share.rule';

const WHAT = 'Action item';

/** What may change on an item, whether it comes from a PATCH or a progress report. */
interface ItemChange {
  title?: BilingualText;
  description?: BilingualText;
  /** follows the texts: not tracked on its own */
  sourceLang?: Locale;
  leadGovernmentId?: string;
  supportingGovernmentIds?: string[];
  responsibleUserIds?: string[];
  dueOn?: string;
  status?: ActionItemStatus;
  progress?: number;
  priority?: ActionItem['priority'];
  estimatedCostCents?: number | null;
  actualCostCents?: number | null;
  fundingSource?: string | null;
  costShares?: CostShare[];
}

/** The fields whose before/after the history keeps; the order is the order they are listed in. */
const TRACKED: (keyof ItemChange)[] = [
  'title',
  'description',
  'leadGovernmentId',
  'supportingGovernmentIds',
  'responsibleUserIds',
  'dueOn',
  'status',
  'progress',
  'priority',
  'estimatedCostCents',
  'actualCostCents',
  'fundingSource',
  'costShares',
];

/** Creation input shared by the HTTP route and meetings (an item arising from a recorded decision). */
export type NewActionItem = CreateActionItemDto;

/** What an official of the lead government may change through PATCH (the contract's field-level rule); notes go with `reason` and progress reports. */
const LEAD_OFFICIAL_FIELDS = new Set(['status', 'progress', 'actualCostCents']);

@Injectable()
export class ActionItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: ActionItemRepository,
    private readonly updates: ActionItemUpdateRepository,
    private readonly memberships: MembershipRepository,
    private readonly users: UserRepository,
    private readonly access: BodyAccess,
    private readonly events: EventRecorder,
  ) {}

  /** `authorizedBody`: the body of `?bodyId=` as the guard located it and allowed the read there. */
  async list(caller: Caller, query: ActionItemListQuery, authorizedBody?: LocatedTarget, now = new Date()): Promise<Page<ActionItemView>> {
    // The guard's allowed read of this very body is the scope: listing the caller's other seats would be a
    // second round trip that the body filter discards anyway.
    const inAuthorizedBody = !!query.bodyId && authorizedBody?.bodyId === query.bodyId;
    const scope = inAuthorizedBody ? null : await this.access.scopeOf(caller);
    const scopeBodyIds = !scope || scope.kind === 'all' ? null : scope.bodyIds;
    // Asking for a body one may not see is the same 404 as asking for one of its items.
    if (query.bodyId && scopeBodyIds && !scopeBodyIds.includes(query.bodyId)) throw notFound('Body');
    const [rows, total] = await this.items.page(
      {
        scopeBodyIds,
        bodyId: query.bodyId,
        governmentId: query.governmentId,
        meetingId: query.meetingId,
        statuses: query.status,
        dueFrom: query.dueFrom,
        dueTo: query.dueTo,
        overdueAt: query.overdue ? now : undefined,
      },
      query.sort ?? 'dueOn',
      query.order,
      query.limit,
      query.offset,
    );
    return { items: rows.map((r) => toActionItemView(r, caller.locale)), total };
  }

  /** `authorized`: what the guard located for this id; its record is the item, read with the seat in one query. */
  async get(caller: Caller, id: string, authorized?: LocatedTarget): Promise<ActionItemView> {
    const record = authorized?.record;
    const item = record instanceof ActionItem && record.id === id ? record : await this.readable(caller, id);
    return toActionItemView(item, caller.locale);
  }

  async listUpdates(caller: Caller, id: string, limit: number, offset: number): Promise<Page<ActionItemUpdateView>> {
    await this.readable(caller, id);
    const [rows, total] = await this.updates.pageOfItem(id, limit, offset);
    return { items: rows.map((r) => toActionItemUpdateView(r.update, r.authorName, caller.locale)), total };
  }

  async create(caller: Caller, dto: NewActionItem): Promise<ActionItemView> {
    await this.access.requireSecretariatInBody(caller, dto.bodyId, 'Body');
    return this.dataSource.transaction((em) => this.createInTransaction(em, caller, dto));
  }

  /**
   * For meetings: the action items a recorded decision gives rise to, created inside the meeting's own
   * transaction so the decision and its items commit together. The same rules hold as over HTTP.
   */
  async createFromDecision(
    em: EntityManager,
    caller: Caller,
    decision: { decisionId: string; meetingId: string; bodyId: string },
    item: Omit<NewActionItem, 'bodyId' | 'meetingId' | 'decisionId'>,
  ): Promise<ActionItemView> {
    await this.access.requireSecretariatInBody(caller, decision.bodyId, 'Body', em);
    return this.createInTransaction(em, caller, { ...item, ...decision });
  }

  private async createInTransaction(em: EntityManager, caller: Caller, dto: NewActionItem): Promise<ActionItemView> {
    const body = await this.access.requireBody(dto.bodyId, em).catch(() => {
      throw invalid(['bodyId does not name an existing body']);
    });
    requireOpenBody(body);
    const origin = await this.checkOrigin(body.id, dto.meetingId ?? null, dto.decisionId ?? null, em);
    const status = dto.status ?? 'not_started';
    if (status !== 'not_started' && status !== 'in_progress') throw invalid(['status of a new action item must be not_started or in_progress']);
    const lead = dto.leadGovernmentId;
    const supporting = unique(dto.supportingGovernmentIds ?? []);
    const responsible = unique(dto.responsibleUserIds ?? []);
    const shares = dto.costShares ?? [];
    await this.checkParticipants(em, body.id, { lead, supporting, responsible, shares });
    const texts = { title: bilingual(null, null), description: bilingual(null, null), sourceLang: caller.locale } as Pick<
      ActionItem,
      'title' | 'description' | 'sourceLang'
    >;
    writeBilingual(texts, dto, ['title', 'description'], caller.locale, { create: true, required: ['title'] });
    const item = await this.items.insert(
      {
        bodyId: body.id,
        meetingId: origin.meetingId,
        decisionId: origin.decisionId,
        ...texts,
        leadGovernmentId: lead,
        supportingGovernmentIds: supporting,
        responsibleUserIds: responsible,
        dueOn: dto.dueOn,
        status,
        progress: dto.progress ?? 0,
        priority: dto.priority ?? 'normal',
        estimatedCostCents: dto.estimatedCostCents ?? null,
        actualCostCents: dto.actualCostCents ?? null,
        fundingSource: dto.fundingSource?.trim() || null,
        costShares: shares.map((s) => ({ governmentId: s.governmentId, basisPoints: s.basisPoints })),
        createdByUserId: caller.userId,
        version: 1,
      },
      em,
    );
    const created = Object.fromEntries(TRACKED.map((field) => [field, { from: null, to: item[field] ?? null }]));
    await this.updates.insert(
      {
        actionItemId: item.id,
        kind: 'created',
        authorUserId: caller.userId,
        authorGovernmentId: caller.governmentId,
        note: bilingual(null, null),
        sourceLang: item.sourceLang,
        progress: item.progress,
        status: item.status,
        changes: created,
        version: 1,
      },
      em,
    );
    await this.events.record(
      em,
      { actorUserId: caller.userId, action: 'action-item.created', entityType: 'action_item', entityId: item.id, changes: { ...dto } },
      [
        {
          name: 'action-item.created',
          payload: { id: item.id, bodyId: item.bodyId, version: item.version },
          audience: { kind: 'body', bodyId: item.bodyId },
          context: { title: item.title, leadGovernmentId: lead, decisionId: item.decisionId },
          notify: [assignmentNotice(item, 1, body.name)],
        },
      ],
    );
    return toActionItemView(item, caller.locale);
  }

  async update(caller: Caller, id: string, dto: UpdateActionItemDto, now = new Date()): Promise<ActionItemView> {
    const { version, reason, title, titleEn, titleFr, description, descriptionEn, descriptionFr, ...fields } = dto;
    return this.dataSource.transaction(async (em) => {
      const item = await this.editable(caller, id, em);
      // The contract: a PATCH must carry the version it read, else 409 — a client that sends none has read nothing.
      if (version === undefined || item.version !== version) throw this.stale(item);
      const change: ItemChange = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const texts = { title: item.title, description: item.description, sourceLang: item.sourceLang };
      const sent = writeBilingual(texts, { title, titleEn, titleFr, description, descriptionEn, descriptionFr }, ['title', 'description'], caller.locale);
      if (sent.includes('title') && !texts.title.en && !texts.title.fr) throw invalid(['title must not be empty']);
      for (const field of sent as ('title' | 'description')[]) change[field] = texts[field];
      if (sent.length) change.sourceLang = texts.sourceLang;
      if (!isSecretariat(caller)) {
        // The lead government reports how the work goes; who does it, who pays, how much and by when are the secretariat's.
        const reserved = Object.keys(change).filter((f) => !LEAD_OFFICIAL_FIELDS.has(f) && !same(change[f as keyof ItemChange], item[f as keyof ItemChange]));
        if (reserved.length)
          throw forbidden(
            `Only the secretariat changes ${reserved.join(', ')}; the lead government's officials change ${[...LEAD_OFFICIAL_FIELDS].join(', ')}`,
          );
      }
      const note = reason?.trim() || null;
      const result = await this.apply(em, caller, item, change, { kind: 'change', note, noteText: authored(note, caller.locale), reasonField: 'reason' }, now);
      return toActionItemView(result.item, caller.locale);
    });
  }

  /** A progress report: always kept, even when it only says where things stand. */
  async report(caller: Caller, id: string, dto: CreateProgressReportDto, now = new Date()): Promise<ActionItemUpdateView & { item: ActionItemView }> {
    return this.dataSource.transaction(async (em) => {
      const item = await this.editable(caller, id, em);
      if (dto.version !== undefined && item.version !== dto.version) throw this.stale(item);
      const change: ItemChange = {};
      if (dto.status !== undefined) change.status = dto.status;
      if (dto.progress !== undefined) change.progress = dto.progress;
      const note = readBilingual(dto, 'note', caller.locale, { required: true })!;
      const result = await this.apply(
        em,
        caller,
        item,
        change,
        { kind: 'report', note: note.text[note.sourceLang] ?? note.text.en ?? note.text.fr, noteText: note, reasonField: 'note' },
        now,
      );
      const author = await this.users.findById(caller.userId, em);
      return { ...toActionItemUpdateView(result.update!, author?.displayName ?? null, caller.locale), item: toActionItemView(result.item, caller.locale) };
    });
  }

  /**
   * The one path by which an item changes: rules, the version-guarded write, the kept history entry,
   * the audit record and the events, all in the caller's transaction.
   */
  private async apply(
    em: EntityManager,
    caller: Caller,
    item: ActionItem,
    change: ItemChange,
    how: { kind: ActionItemUpdateKind; note: string | null; noteText: BilingualRead; reasonField: string },
    now: Date,
  ): Promise<{ item: ActionItem; update: ActionItemUpdate | null }> {
    const next = { ...item } as ActionItem;
    for (const [field, value] of Object.entries(change)) (next as unknown as Record<string, unknown>)[field] = value;
    if (change.fundingSource !== undefined) next.fundingSource = change.fundingSource?.trim() || null;
    if (change.supportingGovernmentIds) next.supportingGovernmentIds = unique(change.supportingGovernmentIds);
    if (change.responsibleUserIds) next.responsibleUserIds = unique(change.responsibleUserIds);
    if (change.costShares) next.costShares = change.costShares.map((s) => ({ governmentId: s.governmentId, basisPoints: s.basisPoints }));
    // The named officials belong to the lead government: a new lead starts with none unless new ones are named.
    if (change.leadGovernmentId && change.leadGovernmentId !== item.leadGovernmentId && change.responsibleUserIds === undefined) next.responsibleUserIds = [];

    if (next.status !== item.status) {
      const verdict = checkTransition(item.status, next.status, { secretariat: isSecretariat(caller), reason: how.note, reasonField: how.reasonField });
      if (!verdict.ok) {
        if (verdict.kind === 'illegal') throw conflict(CommonReason.IllegalTransition, verdict.message, { current: toActionItemView(item) });
        if (verdict.kind === 'forbidden') throw forbidden(verdict.message);
        throw invalid([verdict.message]);
      }
      next.completedAt = next.status === 'done' ? now : item.status === 'done' ? null : item.completedAt;
    } else if (
      !isOpen(item.status) &&
      Object.keys(change).some(
        (f) => f !== 'actualCostCents' && f !== 'fundingSource' && f !== 'description' && !same(change[f as keyof ItemChange], item[f as keyof ItemChange]),
      )
    ) {
      // A closed item is a record: only what was actually spent (and how it is described) may still be filled in.
      throw conflict(
        ActionItemReason.ItemClosed,
        `A ${item.status} action item cannot change; only actualCostCents, fundingSource and description may still be recorded`,
        { current: toActionItemView(item) },
      );
    }
    const progress = progressAfter(next.status, change.progress, item.progress);
    if ('refusal' in progress)
      throw isOpen(item.status) ? invalid([progress.refusal]) : conflict(ActionItemReason.ItemClosed, progress.refusal, { current: toActionItemView(item) });
    next.progress = progress.progress;

    const changes: Record<string, FieldChange> = {};
    for (const field of TRACKED) {
      if (!same(item[field], next[field])) changes[field] = { from: item[field] ?? null, to: next[field] ?? null };
    }
    if (changes.leadGovernmentId || changes.supportingGovernmentIds || changes.responsibleUserIds || changes.costShares) {
      await this.checkParticipants(em, item.bodyId, {
        lead: next.leadGovernmentId,
        supporting: next.supportingGovernmentIds,
        responsible: next.responsibleUserIds,
        shares: next.costShares,
        only: {
          lead: !!changes.leadGovernmentId,
          supporting: !!(changes.supportingGovernmentIds || changes.leadGovernmentId),
          responsible: !!(changes.responsibleUserIds || changes.leadGovernmentId),
          shares: !!changes.costShares,
        },
      });
    }
    if (Object.keys(changes).length === 0 && how.kind === 'change') return { item, update: null };

    let saved = item;
    if (Object.keys(changes).length > 0) {
      const write: Partial<ActionItem> = Object.fromEntries(Object.keys(changes).map((f) => [f, next[f as keyof ActionItem]]));
      if (changes.status) write.completedAt = next.completedAt;
      if (changes.title || changes.description) write.sourceLang = next.sourceLang;
      // A new due date is a new commitment: the escalation was about the old one.
      if (changes.dueOn) Object.assign(write, { escalatedAt: null, escalatedToBodyId: null });
      if (!(await this.items.updateIfVersion(item.id, item.version, write, em))) {
        throw this.stale((await this.items.findById(item.id, em)) ?? item);
      }
      saved = (await this.items.findById(item.id, em))!;
    }
    const update = await this.updates.insert(
      {
        actionItemId: item.id,
        kind: how.kind,
        authorUserId: caller.userId,
        authorGovernmentId: caller.governmentId,
        note: how.noteText.text,
        sourceLang: how.noteText.sourceLang,
        progress: changes.progress || how.kind === 'report' ? saved.progress : null,
        status: changes.status || how.kind === 'report' ? saved.status : null,
        changes,
        version: saved.version,
      },
      em,
    );
    const notify: NotificationIntent[] = [];
    if (changes.leadGovernmentId || changes.responsibleUserIds) notify.push(assignmentNotice(saved, saved.version));
    const events: DomainEvent[] = Object.keys(changes).length
      ? [
          {
            name: 'action-item.updated',
            payload: { id: saved.id, bodyId: saved.bodyId, version: saved.version },
            audience: { kind: 'body', bodyId: saved.bodyId },
            context: { changedFields: Object.keys(changes), kind: how.kind },
            notify,
          },
        ]
      : [];
    await this.events.record(
      em,
      {
        actorUserId: caller.userId,
        action: how.kind === 'report' ? 'action-item.reported' : 'action-item.updated',
        entityType: 'action_item',
        entityId: item.id,
        changes: { ...changes, ...(how.note ? { note: how.note } : {}) },
      },
      events,
    );
    return { item: saved, update };
  }

  /** The lead must sit at the table as a full member; the others must be members; named officials must be the lead's. */
  private async checkParticipants(
    em: EntityManager,
    bodyId: string,
    who: {
      lead: string;
      supporting: string[];
      responsible: string[];
      shares: CostShare[];
      only?: { lead: boolean; supporting: boolean; responsible: boolean; shares: boolean };
    },
  ): Promise<void> {
    const check = who.only ?? { lead: true, supporting: true, responsible: true, shares: true };
    const seats = new Map((await this.memberships.listOfBody(bodyId, false, em)).map((m) => [m.governmentId, m]));
    const problems: string[] = [];
    if (check.lead) {
      const seat = seats.get(who.lead);
      if (!seat) problems.push('leadGovernmentId must be a current member government of the body');
      else if (seat.role === 'observer')
        problems.push(`leadGovernmentId: ${seat.government?.nameEn ?? 'this government'} is an observer, and an observer does not lead action items`);
    }
    if (check.supporting) {
      if (who.supporting.some((g) => !seats.has(g))) problems.push('supportingGovernmentIds must all be current member governments of the body');
      if (who.supporting.includes(who.lead)) problems.push('supportingGovernmentIds must not include the lead government');
      if (who.supporting.some((g) => seats.get(g)?.role === 'observer')) problems.push('supportingGovernmentIds: an observer does not support action items');
    }
    if (check.shares) {
      const refusal = costShareRefusal(who.shares);
      if (refusal) problems.push(refusal);
      else if (who.shares.some((s) => !seats.has(s.governmentId))) problems.push('costShares: every government must be a current member of the body');
      else if (who.shares.some((s) => seats.get(s.governmentId)?.role === 'observer')) problems.push('costShares: an observer carries no cost share');
    }
    if (check.responsible && who.responsible.length) {
      const officials = await this.users.findByIds(who.responsible, em);
      const valid = officials.filter((u) => u.active && u.role === 'official' && u.governmentId === who.lead);
      if (valid.length !== who.responsible.length) problems.push('responsibleUserIds must all be active officials of the lead government');
    }
    if (problems.length) throw invalid(problems);
  }

  private async checkOrigin(
    bodyId: string,
    meetingId: string | null,
    decisionId: string | null,
    em: EntityManager,
  ): Promise<{ meetingId: string | null; decisionId: string | null }> {
    if (decisionId) {
      const decision = await this.items.decisionOrigin(decisionId, em);
      if (!decision || decision.bodyId !== bodyId) throw invalid(['decisionId does not name a decision of this body']);
      if (meetingId && meetingId !== decision.meetingId) throw invalid(['meetingId is not the meeting where decisionId was taken']);
      return { meetingId: decision.meetingId, decisionId };
    }
    if (meetingId && (await this.items.meetingBodyId(meetingId, em)) !== bodyId) throw invalid(['meetingId does not name a meeting of this body']);
    return { meetingId, decisionId: null };
  }

  private async readable(caller: Caller, id: string, em?: EntityManager): Promise<ActionItem> {
    const item = await this.items.findById(id, em);
    if (!item) throw notFound(WHAT);
    await this.access.requireInsideBody(caller, item.bodyId, WHAT, em);
    return item;
  }

  /** The secretariat or an official of the lead government; a supporting government reads but does not write. */
  private async editable(caller: Caller, id: string, em: EntityManager): Promise<ActionItem> {
    const item = await this.readable(caller, id, em);
    if (!isSecretariat(caller) && caller.governmentId !== item.leadGovernmentId) {
      throw forbidden('Only the secretariat or an official of the lead government updates this action item');
    }
    return item;
  }

  private stale(current: ActionItem): DomainError {
    return conflict(
      CommonReason.StaleVersion,
      `This action item has changed since you read it (it is now at version ${current.version}); reload it and try again`,
      {
        current: toActionItemView(current),
      },
    );
  }
}

/** The lead government's officials (or the named ones) are told an item is theirs. */
export function assignmentNotice(item: ActionItem, version: number, bodyName?: BilingualText): NotificationIntent {
  const where = (l: Locale) => (bodyName ? ` (${contentFor(bodyName, l)})` : '');
  const title = (l: Locale) => contentFor(item.title, l);
  return {
    category: 'action_items',
    key: `action-item:${item.id}:assigned:${version}`,
    recipients: item.responsibleUserIds.length ? { userIds: item.responsibleUserIds } : { governmentIds: [item.leadGovernmentId] },
    subject: { en: `Action item assigned: ${title('en')}`, fr: `Mesure confiée : ${title('fr')}` },
    body: {
      en: `Your government leads the action item "${title('en')}"${where('en')}, due on ${formatDay(item.dueOn, 'en')}.`,
      fr: `Votre gouvernement est responsable de la mesure « ${title('fr')} »${where('fr')}, à réaliser d’ici le ${formatDay(item.dueOn, 'fr')}.`,
    },
    link: `/action-items/${item.id}`,
  };
}

const unique = (ids: string[]) => [...new Set(ids)];

/** A text written in the author's language only (a reason given with a change). */
const authored = (text: string | null, author: Locale): BilingualRead => ({
  text: author === 'fr' ? bilingual(null, text) : bilingual(text, null),
  sourceLang: author,
});

/** Value equality for the tracked fields (arrays and cost shares included, order significant). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
