import { Injectable } from '@nestjs/common';
import type { Locale } from '@forum/contracts';
import { EntityManager } from 'typeorm';
import { Membership, MembershipRepository } from '@forum/bodies';
import { Government, GovernmentRepository } from '@forum/governments';
import type { Communique } from './communique.entity';
import type { CommuniqueConcurrence } from './communique-concurrence.entity';
import type { Footnotes } from './communique-revision.entity';
import { CommuniqueConcurrenceRepository } from './communique.repository';
import { concurrenceState, ConcurrenceState } from './concurrence.rule';
import { communiqueFootnotes } from './footnotes.rule';
import { CommuniqueView, GovernmentRef, toCommuniqueView, toConcurrenceView } from './communique.view';

export interface ConcurrenceLedger {
  /** the body's current seats, in the order of precedence */
  seats: Membership[];
  /** every position ever taken on the communiqué */
  positions: CommuniqueConcurrence[];
  state: ConcurrenceState;
}

const ref = (g: Government): GovernmentRef => ({ id: g.id, code: g.code, nameEn: g.nameEn, nameFr: g.nameFr });

/** Reads where concurrence stands; the services decide what to do with it. */
@Injectable()
export class ConcurrenceTracker {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly governments: GovernmentRepository,
    private readonly concurrences: CommuniqueConcurrenceRepository,
  ) {}

  async ledger(c: Communique, em?: EntityManager): Promise<ConcurrenceLedger> {
    const [seats, positions] = await Promise.all([this.memberships.listOfBody(c.bodyId, false, em), this.concurrences.listOf(c.id, em)]);
    const state = concurrenceState(
      seats.map((s) => ({ governmentId: s.governmentId, role: s.role })),
      positions.filter((p) => !p.voidedAt && !p.supersededAt),
      c.currentRevision,
    );
    return { seats, positions, state };
  }

  /** The generated footnotes for the current revision: observers not party to it, then reservations. */
  footnotes(c: Communique, ledger: ConcurrenceLedger): Footnotes {
    const reservations = ledger.positions.filter(
      (p) => p.revision === c.currentRevision && !p.voidedAt && !p.supersededAt && p.position === 'concur_with_reservation',
    );
    const governmentOf = new Map(ledger.seats.map((s) => [s.governmentId, s.government!]));
    return communiqueFootnotes({
      observers: ledger.seats.filter((s) => s.role === 'observer').map((s) => s.government!),
      reservations: reservations
        .filter((p) => governmentOf.has(p.governmentId))
        .map((p) => ({ ...governmentOf.get(p.governmentId)!, comment: { en: p.comment.en, fr: p.comment.fr } })),
    });
  }

  /** `history`: every position ever taken (superseded ones too); otherwise the ones that count or were voided. */
  async view(c: Communique, em?: EntityManager, known?: ConcurrenceLedger, reader: Locale = 'en', history = false): Promise<CommuniqueView> {
    const ledger = known ?? (await this.ledger(c, em));
    const governments = new Map(ledger.seats.map((s) => [s.governmentId, ref(s.government!)]));
    const former = [...new Set(ledger.positions.map((p) => p.governmentId))].filter((id) => !governments.has(id));
    for (const g of await this.governments.findByIds(former, em)) governments.set(g.id, ref(g));
    const refs = (ids: string[]) => ids.map((id) => governments.get(id)).filter((g): g is GovernmentRef => !!g);
    const view = toCommuniqueView(
      c,
      {
        revision: c.currentRevision,
        required: refs(ledger.state.required),
        concurred: refs(ledger.state.concurred),
        awaiting: refs(ledger.state.awaiting),
        objections: refs(ledger.state.objections),
        complete: ledger.state.complete,
      },
      ledger.positions
        .filter((p) => history || !p.supersededAt)
        .map((p) => toConcurrenceView(p, c.currentRevision, governments.get(p.governmentId) ?? null, reader)),
    );
    const correction =
      c.correctionRevision != null
        ? { revision: c.correctionRevision, status: c.publishedRevision === c.correctionRevision ? ('published' as const) : ('in_concurrence' as const) }
        : null;
    return { ...view, correction };
  }
}
