import { CommonReason, CommuniqueReason } from '@forum/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BodyAccess, MembershipRepository } from '@forum/bodies';
import { Caller, conflict, EventRecorder, invalid, notFound } from '@forum/core';
import { Communique, hasPendingCorrection } from './communique.entity';
import { CommuniqueConcurrenceRepository, CommuniqueRepository, CommuniqueRevisionRepository } from './communique.repository';
import { CorrectCommuniqueDto, WithdrawCommuniqueDto } from './communique.dto';
import { awaitingConcurrence, communiquePublished, communiquePublishedNotice, communiqueUpdated, concurrencesVoided, embargoJob } from './communique.events';
import { CommuniqueView } from './communique.view';
import { ConcurrenceLedger, ConcurrenceTracker } from './concurrence-tracker.service';
import { PublicPortalChanges } from './public-changes';

/** Says, inside the transaction, that the public portal changed for these communiqués (see PublicPortalChanges). */
type PublicChange = (ids: string[]) => Promise<void>;

/**
 * Publication: now or at an embargo time, exactly once; then the text is frozen, and a correction
 * or a withdrawal is a visible, public act, never a silent edit.
 */
@Injectable()
export class CommuniquePublicationService {
  private readonly logger = new Logger('CommuniquePublication');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly communiques: CommuniqueRepository,
    private readonly revisions: CommuniqueRevisionRepository,
    private readonly concurrences: CommuniqueConcurrenceRepository,
    private readonly memberships: MembershipRepository,
    private readonly access: BodyAccess,
    private readonly tracker: ConcurrenceTracker,
    private readonly events: EventRecorder,
    private readonly changes: PublicPortalChanges,
  ) {}

  /**
   * A transaction that may change what the public sees: `changed(ids)` NOTIFYs every API instance (on commit),
   * and once committed this process's own cache is dropped before the caller is answered.
   */
  private async transaction<T>(work: (em: EntityManager, changed: PublicChange) => Promise<T>): Promise<T> {
    let changed = false;
    try {
      return await this.dataSource.transaction((em) =>
        work(em, async (ids) => {
          await this.changes.inTransaction(em, ids);
          changed = true;
        }),
      );
    } finally {
      // Also when the commit's answer was lost: the change may have committed, and dropping the cache is harmless.
      if (changed) this.changes.committed();
    }
  }

  async publish(caller: Caller, id: string, embargoUntil?: string, now = new Date()): Promise<CommuniqueView> {
    return this.transaction(async (em, changed) => {
      const c = await this.lockedForSecretariat(caller, id, em);
      const correction = hasPendingCorrection(c);
      if (c.status !== 'in_concurrence' && c.status !== 'approved' && !correction) {
        throw conflict(CommonReason.IllegalTransition, `A ${c.status} communiqué cannot be published`, { status: c.status });
      }
      // Membership may have changed since the last concurrence: the rule is checked again, now.
      const ledger = await this.tracker.ledger(c, em);
      if (!ledger.state.complete) {
        const codes = (ids: string[]) => ids.map((gid) => ledger.seats.find((s) => s.governmentId === gid)?.government?.code ?? gid);
        throw conflict(
          ledger.state.objections.length ? CommuniqueReason.Objection : CommuniqueReason.AwaitingConcurrence,
          `Every member government must concur on revision ${c.currentRevision} first; awaiting: ${codes(ledger.state.awaiting).join(', ') || 'none'}` +
            (ledger.state.objections.length ? `; objecting: ${codes(ledger.state.objections).join(', ')}` : ''),
          { awaiting: ledger.state.awaiting, objections: ledger.state.objections },
        );
      }
      if (correction) return this.publishCorrection(caller, c, ledger, embargoUntil, now, em, changed);
      const at = embargoUntil ? new Date(embargoUntil) : null;
      if (c.embargoUntil && at && at.getTime() !== c.embargoUntil.getTime()) {
        throw conflict(
          CommuniqueReason.EmbargoSet,
          `This communiqué is already under embargo until ${c.embargoUntil.toISOString()}; publish it now, or edit it to start again`,
          {
            embargoUntil: c.embargoUntil.toISOString(),
          },
        );
      }
      const revision = await this.revisions.findByNumber(c.id, c.currentRevision, em);
      revision!.footnotes = this.tracker.footnotes(c, ledger);
      await this.revisions.save(revision!, em);
      c.status = 'approved';

      if (at && at.getTime() > now.getTime()) {
        c.embargoUntil = at;
        const saved = await this.communiques.save(c, em);
        await this.events.record(
          em,
          {
            actorUserId: caller.userId,
            action: 'communique.embargoed',
            entityType: 'communique',
            entityId: c.id,
            changes: { embargoUntil: at.toISOString(), revision: c.currentRevision },
          },
          [communiqueUpdated(saved, { change: 'embargoed', embargoUntil: at.toISOString() }, [], [embargoJob(saved, at)])],
        );
        return this.tracker.view(saved, em, ledger);
      }
      c.status = 'published';
      c.embargoUntil = null;
      c.publishedAt = now;
      c.publishedRevision = c.currentRevision;
      const saved = await this.communiques.save(c, em);
      await this.revisions.markPublished(c.id, c.currentRevision, now, em);
      await this.recordPublication(em, saved, caller.userId, 'communique.published');
      await changed([saved.id]);
      return this.tracker.view(saved, em, ledger);
    });
  }

  /**
   * Lifts every embargo that is due. Called by the embargo job, by the sweep when the worker starts and
   * at intervals (a job lost with Redis still publishes), and by tests. Returns the ids it published.
   */
  async publishDueEmbargoes(now = new Date()): Promise<string[]> {
    return this.transaction(async (em, changed) => {
      const published = await this.communiques.publishDueEmbargoes(now, em);
      for (const c of published) {
        await this.revisions.markPublished(c.id, c.currentRevision, c.publishedAt ?? now, em);
        await this.recordPublication(em, c, null, 'communique.embargo-lifted');
      }
      await changed(published.map((c) => c.id));
      if (published.length) this.logger.log(`Embargo lifted: ${published.map((c) => c.id).join(', ')}`);
      return published.map((c) => c.id);
    });
  }

  /**
   * A correction of a published communiqué is a new revision that goes to concurrence like the first text: the
   * communiqué stays `published` and the public keeps the published text until the correction is published.
   * A second correction before that replaces the first (the positions on it are voided).
   */
  async correct(caller: Caller, id: string, dto: CorrectCommuniqueDto): Promise<CommuniqueView> {
    const noteEn = (dto.noteEn ?? dto.note)?.trim();
    const noteFr = (dto.noteFr ?? dto.note)?.trim();
    if (!noteEn && !noteFr) throw invalid(['noteEn and noteFr (or note): a correction carries a visible note']);
    return this.transaction(async (em, changed) => {
      const c = await this.lockedForSecretariat(caller, id, em);
      if (c.status !== 'published')
        throw conflict(CommuniqueReason.NotPublished, `Only a published communiqué is corrected; this one is ${c.status}`, { status: c.status });
      const previous = await this.revisions.findByNumber(c.id, c.currentRevision, em);
      const next = {
        titleEn: dto.titleEn?.trim() ?? c.titleEn,
        titleFr: dto.titleFr?.trim() ?? c.titleFr,
        bodyEn: dto.bodyEn ?? c.bodyEn,
        bodyFr: dto.bodyFr ?? c.bodyFr,
      };
      if (!next.titleEn || !next.titleFr || !next.bodyEn.trim() || !next.bodyFr.trim()) throw invalid(['a correction keeps both languages filled in']);
      const replaced = hasPendingCorrection(c) ? c.currentRevision : null;
      const voided = replaced
        ? (await this.concurrences.onRevision(c.id, replaced, em)).filter((p) => !p.voidedAt && !p.supersededAt).map((p) => p.governmentId)
        : [];
      if (replaced) await this.concurrences.voidRevision(c.id, replaced, new Date(), em);
      const number = c.currentRevision + 1;
      await this.revisions.insert(
        {
          communiqueId: c.id,
          number,
          ...next,
          authorUserId: caller.userId,
          isCorrection: true,
          correctionNoteEn: noteEn || noteFr!,
          correctionNoteFr: noteFr || noteEn!,
          footnotes: previous?.footnotes ?? null,
          publishedAt: null,
        },
        em,
      );
      Object.assign(c, next, { currentRevision: number, correctionRevision: number });
      const saved = await this.communiques.save(c, em);
      // The published row changed (the public list reads it): every cached public answer is dropped.
      await changed([saved.id]);
      const ledger = await this.tracker.ledger(saved, em);
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: 'communique.correction-proposed',
          entityType: 'communique',
          entityId: c.id,
          changes: { revision: number, noteEn, noteFr, replaces: replaced },
        },
        [
          communiqueUpdated(saved, { change: 'correction', revision: number }, [
            ...(replaced ? concurrencesVoided(saved, replaced, voided) : []),
            ...awaitingConcurrence(saved, ledger.state.required),
          ]),
        ],
      );
      return this.tracker.view(saved, em, ledger, caller.locale);
    });
  }

  /** Every party concurred on the correction: it becomes the published text, at once (a correction has no embargo). */
  private async publishCorrection(
    caller: Caller,
    c: Communique,
    ledger: ConcurrenceLedger,
    embargoUntil: string | undefined,
    now: Date,
    em: EntityManager,
    changed: PublicChange,
  ): Promise<CommuniqueView> {
    if (embargoUntil) throw invalid(['embargoUntil: a correction is published at once']);
    const revision = await this.revisions.findByNumber(c.id, c.currentRevision, em);
    revision!.footnotes = this.tracker.footnotes(c, ledger);
    await this.revisions.save(revision!, em);
    c.publishedRevision = c.currentRevision;
    const saved = await this.communiques.save(c, em);
    await this.revisions.markPublished(c.id, c.currentRevision, now, em);
    await this.recordPublication(em, saved, caller.userId, 'communique.corrected', { noteEn: revision!.correctionNoteEn, noteFr: revision!.correctionNoteFr });
    await changed([saved.id]);
    return this.tracker.view(saved, em, ledger, caller.locale);
  }

  /** Withdrawal keeps the page and its text, with a notice: what was published stays citable. */
  async withdraw(caller: Caller, id: string, dto: WithdrawCommuniqueDto, now = new Date()): Promise<CommuniqueView> {
    return this.transaction(async (em, changed) => {
      const c = await this.lockedForSecretariat(caller, id, em);
      if (c.status !== 'published')
        throw conflict(CommuniqueReason.NotPublished, `Only a published communiqué is withdrawn; this one is ${c.status}`, { status: c.status });
      c.status = 'withdrawn';
      c.withdrawnAt = now;
      c.withdrawalReasonEn = (dto.reasonEn ?? dto.reason)?.trim() || null;
      c.withdrawalReasonFr = (dto.reasonFr ?? dto.reason)?.trim() || null;
      const saved = await this.communiques.save(c, em);
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: 'communique.withdrawn',
          entityType: 'communique',
          entityId: c.id,
          changes: { reasonEn: c.withdrawalReasonEn, reasonFr: c.withdrawalReasonFr },
        },
        [communiqueUpdated(saved, { change: 'withdrawn' })],
      );
      await changed([saved.id]);
      return this.tracker.view(saved, em);
    });
  }

  private async recordPublication(
    em: EntityManager,
    c: Communique,
    actorUserId: string | null,
    action: string,
    changes: Record<string, unknown> = {},
  ): Promise<void> {
    const members = (await this.memberships.listOfBody(c.bodyId, false, em)).map((m) => m.governmentId);
    const kind = action === 'communique.corrected' ? 'corrected' : 'published';
    await this.events.record(em, { actorUserId, action, entityType: 'communique', entityId: c.id, changes: { revision: c.publishedRevision, ...changes } }, [
      communiqueUpdated(c, { change: kind }),
      communiquePublished(c, communiquePublishedNotice(c, members, kind)),
    ]);
  }

  private async lockedForSecretariat(caller: Caller, id: string, em: EntityManager): Promise<Communique> {
    const c = await this.communiques.findById(id, em, true);
    if (!c) throw notFound('Communique');
    await this.access.requireSecretariatInBody(caller, c.bodyId, 'Communique', em);
    return c;
  }
}
