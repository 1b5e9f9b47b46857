import { CommonReason, CommuniqueReason, RecordReason } from '@forum/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BodyAccess, BodyRepository, requireOpenBody } from '@forum/bodies';
import { bilingual, Caller, conflict, EventRecorder, forbidden, invalid, isSecretariat, notFound, readBilingual } from '@forum/core';
import type { Locale, NotificationIntent, Page } from '@forum/contracts';
import { Communique, hasPendingCorrection } from './communique.entity';
import { CommuniqueConcurrenceRepository, CommuniqueRepository, CommuniqueRevisionRepository } from './communique.repository';
import { ConcurDto, CreateCommuniqueDto, UpdateCommuniqueDto } from './communique.dto';
import { awaitingConcurrence, communiqueUpdated, concurrencesVoided } from './communique.events';
import {
  CommuniqueSummaryView,
  CommuniqueView,
  ConcurrenceView,
  RevisionDiffView,
  RevisionView,
  toCommuniqueSummaryView,
  toRevisionView,
} from './communique.view';
import { ConcurrenceTracker } from './concurrence-tracker.service';
import { wordDiff } from './word-diff.rule';

const TEXT_FIELDS = ['titleEn', 'titleFr', 'bodyEn', 'bodyFr'] as const;

/** Both official languages, title and text: the condition to go to concurrence. */
export const bothLanguagesFilledIn = (c: Pick<Communique, (typeof TEXT_FIELDS)[number]>): boolean => TEXT_FIELDS.every((field) => c[field].trim().length > 0);

/** Drafting and concurrence: every save is a numbered revision; concurrence is on one exact revision. */
@Injectable()
export class CommuniquesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly communiques: CommuniqueRepository,
    private readonly revisions: CommuniqueRevisionRepository,
    private readonly concurrences: CommuniqueConcurrenceRepository,
    private readonly bodies: BodyRepository,
    private readonly access: BodyAccess,
    private readonly tracker: ConcurrenceTracker,
    private readonly events: EventRecorder,
  ) {}

  async list(
    caller: Caller,
    filter: { bodyId?: string; meetingId?: string; status?: string },
    limit: number,
    offset: number,
  ): Promise<Page<CommuniqueSummaryView>> {
    const scope = await this.access.scopeOf(caller);
    const [rows, total] = await this.communiques.page({ scope, ...filter }, limit, offset);
    return { items: rows.map(toCommuniqueSummaryView), total };
  }

  async get(caller: Caller, id: string): Promise<CommuniqueView> {
    const c = await this.readable(caller, id);
    return this.tracker.view(c, undefined, undefined, caller.locale);
  }

  async create(caller: Caller, dto: CreateCommuniqueDto): Promise<CommuniqueView> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat drafts communiqués');
    return this.dataSource.transaction(async (em) => {
      const body = await this.bodies.findById(dto.bodyId, em);
      if (!body) throw invalid(['bodyId does not name an existing body']);
      requireOpenBody(body);
      if (dto.meetingId) await this.checkMeeting(dto.meetingId, dto.bodyId, em);
      const text = { titleEn: dto.titleEn?.trim() ?? '', titleFr: dto.titleFr?.trim() ?? '', bodyEn: dto.bodyEn ?? '', bodyFr: dto.bodyFr ?? '' };
      const c = await this.communiques.insert(
        { bodyId: dto.bodyId, meetingId: dto.meetingId ?? null, status: 'draft', currentRevision: 1, ...text, createdByUserId: caller.userId },
        em,
      );
      await this.revisions.insert({ communiqueId: c.id, number: 1, ...text, authorUserId: caller.userId }, em);
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: 'communique.created',
          entityType: 'communique',
          entityId: c.id,
          changes: { bodyId: c.bodyId, meetingId: c.meetingId, revision: 1 },
        },
        [communiqueUpdated(c, { change: 'created' })],
      );
      return this.tracker.view(c, em);
    });
  }

  /**
   * An edit is a new revision. During concurrence it voids every position taken on the old text,
   * tells the governments that had taken one, and asks every required government again.
   */
  async update(caller: Caller, id: string, dto: UpdateCommuniqueDto): Promise<CommuniqueView> {
    return this.dataSource.transaction(async (em) => {
      const c = await this.lockedForSecretariat(caller, id, em);
      if (c.status === 'published' || c.status === 'withdrawn') {
        throw conflict(RecordReason.Frozen, `A ${c.status} communiqué is frozen; publish a correction instead`, { status: c.status });
      }
      if (dto.revision !== undefined && dto.revision !== c.currentRevision) {
        throw conflict(CommuniqueReason.StaleRevision, `This edit was made on revision ${dto.revision}, but the current revision is ${c.currentRevision}`, {
          revision: c.currentRevision,
        });
      }
      if (dto.meetingId !== undefined && dto.meetingId !== c.meetingId) {
        if (dto.meetingId) await this.checkMeeting(dto.meetingId, c.bodyId, em);
        c.meetingId = dto.meetingId;
      }
      const next = {
        titleEn: dto.titleEn !== undefined ? dto.titleEn.trim() : c.titleEn,
        titleFr: dto.titleFr !== undefined ? dto.titleFr.trim() : c.titleFr,
        bodyEn: dto.bodyEn ?? c.bodyEn,
        bodyFr: dto.bodyFr ?? c.bodyFr,
      };
      const textChanged = TEXT_FIELDS.some((field) => next[field] !== c[field]);
      const notify: NotificationIntent[] = [];
      const context: Record<string, unknown> = { change: textChanged ? 'revised' : 'updated' };
      if (textChanged) {
        const oldRevision = c.currentRevision;
        Object.assign(c, next, { currentRevision: oldRevision + 1 });
        await this.revisions.insert({ communiqueId: c.id, number: c.currentRevision, ...next, authorUserId: caller.userId }, em);
        if (c.status === 'in_concurrence' || c.status === 'approved') {
          const voided = (await this.concurrences.onRevision(c.id, oldRevision, em)).filter((p) => !p.voidedAt && !p.supersededAt).map((p) => p.governmentId);
          await this.concurrences.voidRevision(c.id, oldRevision, new Date(), em);
          if (c.status === 'approved') context.embargoCancelled = c.embargoUntil?.toISOString() ?? null;
          c.status = 'in_concurrence';
          c.embargoUntil = null;
          const ledger = await this.tracker.ledger(c, em);
          notify.push(...concurrencesVoided(c, oldRevision, voided), ...awaitingConcurrence(c, ledger.state.required));
          context.voidedConcurrences = voided;
        }
      }
      const saved = await this.communiques.save(c, em);
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: textChanged ? 'communique.revised' : 'communique.updated',
          entityType: 'communique',
          entityId: c.id,
          changes: { ...dto, revision: c.currentRevision },
        },
        [communiqueUpdated(saved, context, notify)],
      );
      return this.tracker.view(saved, em);
    });
  }

  async submit(caller: Caller, id: string, options: { translationToFollow?: boolean } = {}): Promise<CommuniqueView> {
    // the parity gate has no way around it here: a communiqué never goes out in one language
    if (options.translationToFollow) throw invalid(['translationToFollow is not allowed for a communiqué: it goes to concurrence in both languages']);
    return this.dataSource.transaction(async (em) => {
      const c = await this.lockedForSecretariat(caller, id, em);
      if (c.status !== 'draft')
        throw conflict(CommonReason.IllegalTransition, `Only a draft goes to concurrence; this communiqué is ${c.status}`, { status: c.status });
      if (!bothLanguagesFilledIn(c)) {
        const missing = TEXT_FIELDS.filter((f) => !c[f].trim());
        const pending = [...new Set(missing.map((f) => f.replace(/(En|Fr)$/, '')))].map((field) => ({ type: 'communique', id: c.id, field }));
        throw conflict(RecordReason.TranslationPending, `Both languages must be filled in before concurrence; missing: ${missing.join(', ')}`, {
          missing,
          pending,
        });
      }
      c.status = 'in_concurrence';
      const saved = await this.communiques.save(c, em);
      const ledger = await this.tracker.ledger(saved, em);
      await this.events.record(
        em,
        { actorUserId: caller.userId, action: 'communique.submitted', entityType: 'communique', entityId: c.id, changes: { revision: c.currentRevision } },
        [communiqueUpdated(saved, { change: 'submitted' }, awaitingConcurrence(saved, ledger.state.required))],
      );
      return this.tracker.view(saved, em, ledger);
    });
  }

  /**
   * An official takes their own government's position on the exact current revision (of the draft in concurrence,
   * or of a correction of the published text). It may take another one on the same revision (objection →
   * concurrence and back): the last one counts, every one is kept.
   */
  async concur(caller: Caller, id: string, dto: ConcurDto): Promise<CommuniqueView> {
    const comment = readBilingual(dto, 'comment', caller.locale);
    return this.dataSource.transaction(async (em) => {
      // The row lock serialises positions on one communiqué, so the last one approves it exactly once.
      const c = await this.communiques.findById(id, em, true);
      if (!c) throw notFound('Communique');
      const seat = await this.access.requireInsideBody(caller, c.bodyId, 'Communique', em);
      if (!seat || !caller.governmentId) throw forbidden('Only an official of a member government concurs, for that government');
      if (seat.role === 'observer') throw forbidden('An observer is not party to a joint communiqué and does not concur');
      const correction = hasPendingCorrection(c);
      if (c.status !== 'in_concurrence' && c.status !== 'approved' && !correction) {
        throw conflict(CommonReason.IllegalTransition, `This communiqué is ${c.status}, not in concurrence`, { status: c.status });
      }
      if (dto.revision !== c.currentRevision) {
        throw conflict(CommuniqueReason.StaleRevision, `Revision ${dto.revision} is not the current text; the current revision is ${c.currentRevision}`, {
          revision: c.currentRevision,
        });
      }
      const now = new Date();
      const previous = await this.concurrences.findOn(c.id, c.currentRevision, caller.governmentId, em);
      if (previous) await this.concurrences.supersede(previous.id, now, em);
      const position = dto.position ?? 'concur';
      await this.concurrences.insert(
        {
          communiqueId: c.id,
          revision: c.currentRevision,
          governmentId: caller.governmentId,
          userId: caller.userId,
          position,
          comment: comment?.text ?? bilingual(null, null),
          sourceLang: comment?.sourceLang ?? caller.locale,
        },
        em,
      );
      const ledger = await this.tracker.ledger(c, em);
      const context: Record<string, unknown> = {
        change: 'concurrence',
        governmentId: caller.governmentId,
        position,
        approved: ledger.state.complete,
        correction,
      };
      if (!correction) {
        if (ledger.state.complete) c.status = 'approved';
        else if (c.status === 'approved') {
          // a government withdrew its concurrence: back to concurrence, and an embargo waiting to lift is off
          context.embargoCancelled = c.embargoUntil?.toISOString() ?? null;
          c.status = 'in_concurrence';
          c.embargoUntil = null;
        }
      }
      const saved = await this.communiques.save(c, em);
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: 'communique.concurrence',
          entityType: 'communique',
          entityId: c.id,
          changes: {
            revision: c.currentRevision,
            governmentId: caller.governmentId,
            position,
            commentEn: comment?.text.en ?? null,
            commentFr: comment?.text.fr ?? null,
            replaces: previous?.id ?? null,
          },
        },
        [communiqueUpdated(saved, context)],
      );
      return this.tracker.view(saved, em, ledger, caller.locale);
    });
  }

  async concurrencesOf(caller: Caller, id: string, history = false): Promise<Page<ConcurrenceView>> {
    const c = await this.readable(caller, id);
    const view = await this.tracker.view(c, undefined, undefined, caller.locale, history);
    return { items: view.concurrences, total: view.concurrences.length };
  }

  async revisionsOf(caller: Caller, id: string): Promise<Page<RevisionView>> {
    await this.readable(caller, id);
    const rows = await this.revisions.listOf(id);
    return { items: rows.map(toRevisionView), total: rows.length };
  }

  async diff(caller: Caller, id: string, from: number, to: number, lang: Locale): Promise<RevisionDiffView> {
    await this.readable(caller, id);
    const [a, b] = await Promise.all([this.revisions.findByNumber(id, from), this.revisions.findByNumber(id, to)]);
    if (!a) throw notFound(`Revision ${from}`);
    if (!b) throw notFound(`Revision ${to}`);
    const title = lang === 'fr' ? 'titleFr' : 'titleEn';
    const body = lang === 'fr' ? 'bodyFr' : 'bodyEn';
    return { from, to, lang, title: wordDiff(a[title], b[title]), body: wordDiff(a[body], b[body]) };
  }

  /** The communiqué if the caller may see inside its body; 404 otherwise, so its existence does not leak. */
  private async readable(caller: Caller, id: string): Promise<Communique> {
    const c = await this.communiques.findById(id);
    if (!c) throw notFound('Communique');
    await this.access.requireInsideBody(caller, c.bodyId, 'Communique');
    return c;
  }

  private async lockedForSecretariat(caller: Caller, id: string, em: EntityManager): Promise<Communique> {
    const c = await this.communiques.findById(id, em, true);
    if (!c) throw notFound('Communique');
    await this.access.requireSecretariatInBody(caller, c.bodyId, 'Communique', em);
    return c;
  }

  private async checkMeeting(meetingId: string, bodyId: string, em: EntityManager): Promise<void> {
    const meetingBody = await this.communiques.meetingBodyId(meetingId, em);
    if (meetingBody !== bodyId) throw invalid(['meetingId does not name a meeting of this body']);
  }
}
