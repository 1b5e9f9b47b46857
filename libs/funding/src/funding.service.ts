import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CommonReason, FundingReason } from '@forum/contracts';
import type {
  DomainEvent,
  FundingClaimStatus,
  FundingClaimView,
  FundingProgramView,
  FundingSummaryRow,
  FundingSummaryView,
  GovernmentLevel,
  Locale,
  NotificationIntent,
  Page,
} from '@forum/contracts';
import { FUNDING_CLAIM_STATUSES } from '@forum/contracts';
import { BodyAccess, MembershipRepository } from '@forum/bodies';
import { Caller, conflict, EventRecorder, forbidden, invalid, isSecretariat, notFound, readBilingual } from '@forum/core';
import { BilingualText } from '@forum/core';
import { Government, GovernmentRepository } from '@forum/governments';
import { requestedAmount } from './claim-amount.rule';
import { fiscalYearPeriod, splitByFiscalYear } from './fiscal-split.rule';
import { EVIDENCE_LOOKUP, type EvidenceLookup } from './evidence-lookup.port';
import type { FundingClaimEventKind } from './funding-claim-event.entity';
import type { FundingClaim } from './funding-claim.entity';
import type { FundingProgram } from './funding-program.entity';
import {
  CreateFundingClaimDto,
  CreateFundingProgramDto,
  FundingDecisionDto,
  FundingPaymentDto,
  FundingProgramListQuery,
  ReconcileClaimDto,
} from './funding.dto';
import { FundingClaimEventRepository, FundingClaimRepository, FundingProgramRepository } from './funding.repository';
import { toFundingClaimView, toFundingProgramView } from './funding.view';
import { formatCents } from './money';

const PROGRAM = 'Funding program';
const CLAIM = 'Funding claim';

const emptyText = () => Object.assign(new BilingualText(), { en: null, fr: null });
const emptyCounts = () => Object.fromEntries(FUNDING_CLAIM_STATUSES.map((s) => [s, 0])) as Record<FundingClaimStatus, number>;

/**
 * Programs, claims against them, decisions, payments and reconciliation. Every step runs in one transaction
 * with its history row, audit record, `funding-claim.updated` event and notifications to the claimant and the
 * funder; approvals take the program's row lock so that the budget is never exceeded.
 */
@Injectable()
export class FundingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: FundingProgramRepository,
    private readonly claims: FundingClaimRepository,
    private readonly history: FundingClaimEventRepository,
    private readonly memberships: MembershipRepository,
    private readonly governments: GovernmentRepository,
    private readonly access: BodyAccess,
    private readonly events: EventRecorder,
    @Inject(EVIDENCE_LOOKUP) private readonly evidence: EvidenceLookup,
  ) {}

  // ---- programs

  async listPrograms(caller: Caller, query: FundingProgramListQuery): Promise<Page<FundingProgramView>> {
    const scope = await this.access.scopeOf(caller);
    const scopeBodyIds = scope.kind === 'all' ? null : scope.bodyIds;
    if (query.bodyId && scopeBodyIds && !scopeBodyIds.includes(query.bodyId)) throw notFound('Body');
    const [rows, total] = await this.programs.page({ scopeBodyIds, bodyId: query.bodyId }, query.limit, query.offset);
    const approved = await this.claims.approvedTotals(rows.map((p) => p.id));
    return { items: rows.map((p) => toFundingProgramView(p, approved.get(p.id) ?? 0, caller.locale)), total };
  }

  async getProgram(caller: Caller, id: string): Promise<FundingProgramView> {
    const program = await this.readableProgram(caller, id);
    const approved = await this.claims.approvedTotals([program.id]);
    return toFundingProgramView(program, approved.get(program.id) ?? 0, caller.locale);
  }

  async createProgram(caller: Caller, dto: CreateFundingProgramDto): Promise<FundingProgramView> {
    // A secretariat-only write: an official is refused whatever the request holds.
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat creates funding programs');
    return this.dataSource.transaction(async (em) => {
      const body = await this.access.requireBody(dto.bodyId, em).catch(() => {
        throw invalid(['bodyId does not name an existing body']);
      });
      const name = readBilingual(dto, 'name', caller.locale, { required: true })!;
      const terms = readBilingual(dto, 'terms', caller.locale);
      const problems: string[] = [];
      if (dto.eligibleFrom > dto.eligibleTo) problems.push('eligibleTo must not be before eligibleFrom');
      if (!(await this.memberships.findActive(body.id, dto.fundingGovernmentId, em)))
        problems.push('fundingGovernmentId must be a current member government of the body');
      if (dto.decisionId && (await this.programs.decisionBodyId(dto.decisionId, em)) !== body.id)
        problems.push('decisionId does not name a decision of this body');
      if (dto.actionItemId && (await this.programs.actionItemBodyId(dto.actionItemId, em)) !== body.id)
        problems.push('actionItemId does not name an action item of this body');
      if (problems.length) throw invalid(problems);
      const sourceLang: Locale = name.sourceLang;
      const program = await this.programs.insert(
        {
          bodyId: body.id,
          name: name.text,
          terms: terms?.text ?? emptyText(),
          sourceLang,
          fundingGovernmentId: dto.fundingGovernmentId,
          budgetCents: dto.budgetCents ?? null,
          ratePerClaimantCents: dto.ratePerClaimantCents ?? null,
          eligibleFrom: dto.eligibleFrom,
          eligibleTo: dto.eligibleTo,
          decisionId: dto.decisionId ?? null,
          actionItemId: dto.actionItemId ?? null,
          createdByUserId: caller.userId,
        },
        em,
      );
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: 'funding-program.created',
        entityType: 'funding_program',
        entityId: program.id,
        changes: { ...dto },
      });
      return toFundingProgramView(program, 0, caller.locale);
    });
  }

  // ---- claims

  async listClaims(caller: Caller, programId: string, limit: number, offset: number): Promise<Page<FundingClaimView>> {
    const program = await this.readableProgram(caller, programId);
    const [rows, total] = await this.claims.pageOfProgram(program.id, limit, offset);
    return { items: await this.claimViews(program, rows, caller.locale), total };
  }

  async getClaim(caller: Caller, id: string): Promise<FundingClaimView> {
    const claim = await this.claims.findById(id);
    if (!claim) throw notFound(CLAIM);
    await this.access.requireInsideBody(caller, claim.bodyId, CLAIM);
    const program = (await this.programs.findById(claim.programId))!;
    return (await this.claimViews(program, [claim], caller.locale))[0];
  }

  async createClaim(caller: Caller, programId: string, dto: CreateFundingClaimDto): Promise<FundingClaimView> {
    const { claim, program } = await this.dataSource.transaction(async (em) => {
      const program = await this.readableProgram(caller, programId, em);
      if (!isSecretariat(caller) && dto.claimantGovernmentId !== caller.governmentId) {
        throw forbidden('An official claims for its own government only; the secretariat may claim on behalf of any member');
      }
      const problems: string[] = [];
      if (!(await this.memberships.findActive(program.bodyId, dto.claimantGovernmentId, em)))
        problems.push('claimantGovernmentId must be a current member government of the body');
      if (dto.periodFrom > dto.periodTo) problems.push('periodTo must not be before periodFrom');
      else if (dto.periodFrom < program.eligibleFrom || dto.periodTo > program.eligibleTo) {
        problems.push(`periodFrom and periodTo must lie within the program's eligibility (${program.eligibleFrom} to ${program.eligibleTo})`);
      }
      const amount = requestedAmount({ claimants: dto.claimants, requestedCents: dto.requestedCents, ratePerClaimantCents: program.ratePerClaimantCents });
      if ('refusal' in amount) problems.push(amount.refusal);
      let description: ReturnType<typeof readBilingual>;
      try {
        description = readBilingual(dto, 'description', caller.locale, { required: true });
      } catch (error) {
        problems.push(...messagesOf(error));
      }
      const evidenceIds = [...new Set(dto.evidenceDocumentIds ?? [])];
      if (evidenceIds.length) {
        const bodies = await this.evidence.bodyOfDocuments(evidenceIds, em);
        const refused = evidenceIds.filter((id) => bodies.get(id) !== program.bodyId);
        if (refused.length)
          problems.push(`evidenceDocumentIds must be documents of this body (${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} not)`);
      }
      if (problems.length || 'refusal' in amount) throw invalid(problems);
      const claim = await this.claims.insert(
        {
          programId: program.id,
          bodyId: program.bodyId,
          claimantGovernmentId: dto.claimantGovernmentId,
          periodFrom: dto.periodFrom,
          periodTo: dto.periodTo,
          claimants: dto.claimants ?? null,
          requestedCents: amount.cents,
          approvedCents: null,
          paidCents: 0,
          status: 'submitted',
          description: description!.text,
          sourceLang: description!.sourceLang,
          evidenceDocumentIds: evidenceIds,
          submittedByUserId: caller.userId,
        },
        em,
      );
      await this.step(em, caller, program, claim, 'submitted', { amountCents: claim.requestedCents }, { ...dto, requestedCents: claim.requestedCents });
      return { claim, program };
    });
    return (await this.claimViews(program, [claim], caller.locale))[0];
  }

  async decide(caller: Caller, id: string, dto: FundingDecisionDto): Promise<FundingClaimView> {
    const { claim, program } = await this.dataSource.transaction(async (em) => {
      const found = await this.readableClaim(caller, id, em);
      const unlockedProgram = (await this.programs.findById(found.programId, em))!;
      this.requireFunderSide(caller, unlockedProgram, found, 'decides');
      // One approval at a time per program: the lock is held until commit, so the sum read below is final.
      const program = (await this.programs.lockById(found.programId, em))!;
      const claim = (await this.claims.lockById(id, em))!;
      if (claim.status !== 'submitted')
        throw conflict(CommonReason.IllegalTransition, `This claim is already ${claim.status}; a claim is decided once`, { status: claim.status });
      const comment = readBilingual(dto, 'comment', caller.locale);
      let approvedCents: number | null = null;
      if (dto.status === 'approved') {
        approvedCents = dto.approvedCents ?? claim.requestedCents;
        if (approvedCents > claim.requestedCents) throw invalid([`approvedCents must not exceed the amount requested (${claim.requestedCents})`]);
        if (program.budgetCents !== null) {
          const already = (await this.claims.approvedTotals([program.id], em)).get(program.id) ?? 0;
          if (already + approvedCents > program.budgetCents) {
            throw conflict(
              FundingReason.BudgetExceeded,
              `Approving ${approvedCents} cents would exceed the program's budget: ${program.budgetCents - already} of ${program.budgetCents} cents remain`,
              {
                budgetCents: program.budgetCents,
                approvedCents: already,
                remainingCents: program.budgetCents - already,
              },
            );
          }
        }
      } else if (dto.approvedCents !== undefined) {
        throw invalid(['approvedCents is only given with status approved']);
      }
      const updated = await this.claims.update(claim.id, { status: dto.status, approvedCents }, em);
      await this.step(em, caller, program, updated, dto.status, { amountCents: approvedCents, comment }, { ...dto, approvedCents });
      return { claim: updated, program };
    });
    return (await this.claimViews(program, [claim], caller.locale))[0];
  }

  async pay(caller: Caller, id: string, dto: FundingPaymentDto): Promise<FundingClaimView> {
    const { claim, program } = await this.dataSource.transaction(async (em) => {
      const found = await this.readableClaim(caller, id, em);
      const program = (await this.programs.findById(found.programId, em))!;
      this.requireFunderSide(caller, program, found, 'pays');
      const claim = (await this.claims.lockById(id, em))!;
      if (claim.status === 'paid' || claim.status === 'reconciled') {
        throw conflict(FundingReason.PaymentExceedsApproval, 'This claim is already paid in full', {
          approvedCents: claim.approvedCents,
          paidCents: claim.paidCents,
        });
      }
      if (claim.status !== 'approved')
        throw conflict(FundingReason.ClaimNotApproved, `Only an approved claim is paid; this one is ${claim.status}`, { status: claim.status });
      const approved = claim.approvedCents!;
      if (claim.paidCents + dto.amountCents > approved) {
        throw conflict(
          FundingReason.PaymentExceedsApproval,
          `A payment of ${dto.amountCents} cents would exceed the approval: ${approved - claim.paidCents} cents remain to be paid`,
          {
            approvedCents: approved,
            paidCents: claim.paidCents,
            outstandingCents: approved - claim.paidCents,
          },
        );
      }
      const paidCents = claim.paidCents + dto.amountCents;
      const status: FundingClaimStatus = paidCents === approved ? 'paid' : 'approved';
      const updated = await this.claims.update(claim.id, { paidCents, status }, em);
      await this.step(em, caller, program, updated, 'payment', { amountCents: dto.amountCents, paidOn: dto.paidOn }, { ...dto });
      return { claim: updated, program };
    });
    return (await this.claimViews(program, [claim], caller.locale))[0];
  }

  async reconcile(caller: Caller, id: string, dto: ReconcileClaimDto = {}): Promise<FundingClaimView> {
    const note = readBilingual(dto, 'note', caller.locale);
    const { claim, program } = await this.dataSource.transaction(async (em) => {
      const found = await this.readableClaim(caller, id, em);
      if (!isSecretariat(caller) && caller.governmentId !== found.claimantGovernmentId) {
        throw forbidden('Only the claimant government (or the secretariat) confirms that a claim is reconciled');
      }
      const program = (await this.programs.findById(found.programId, em))!;
      const claim = (await this.claims.lockById(id, em))!;
      if (claim.status !== 'paid')
        throw conflict(CommonReason.IllegalTransition, `Only a claim paid in full is reconciled; this one is ${claim.status}`, { status: claim.status });
      const updated = await this.claims.update(claim.id, { status: 'reconciled' }, em);
      await this.step(em, caller, program, updated, 'reconciled', { comment: note }, {});
      return { claim: updated, program };
    });
    return (await this.claimViews(program, [claim], caller.locale))[0];
  }

  // ---- reports

  async summary(caller: Caller, programId: string, fiscalYear: string | undefined): Promise<FundingSummaryView> {
    const program = await this.readableProgram(caller, programId);
    const claims = await this.claims.allOfProgram(program.id);
    const governments = await this.governmentsOf(program, claims);
    const funderLevel = governments.get(program.fundingGovernmentId)?.level ?? 'federal';
    if (fiscalYear !== undefined) {
      const period = fiscalYearPeriod(fiscalYear);
      const calendar = /^\d{4}$/.test(fiscalYear);
      if (!period || calendar !== (funderLevel === 'municipal')) {
        throw invalid([`fiscalYear must name one of the funder's fiscal years, e.g. ${funderLevel === 'municipal' ? '2018' : '2017-18'}`]);
      }
    }
    const rows = new Map<string, FundingSummaryRow>();
    const totals = { requestedCents: 0, approvedCents: 0, paidCents: 0, outstandingCents: 0, claimsByStatus: emptyCounts() };
    const chart = new Map<string, FundingSummaryView['byFiscalYear'][number]>();
    for (const claim of claims) {
      const parts = splitByFiscalYear(
        { from: claim.periodFrom, to: claim.periodTo },
        { requestedCents: claim.status === 'rejected' ? 0 : claim.requestedCents, approvedCents: claim.approvedCents ?? 0, paidCents: claim.paidCents },
        funderLevel,
      );
      for (const part of parts) {
        const key = `${part.fiscalYear}|${claim.claimantGovernmentId}`;
        const bar = chart.get(key) ?? {
          fiscalYear: part.fiscalYear,
          governmentId: claim.claimantGovernmentId,
          requestedCents: 0,
          approvedCents: 0,
          paidCents: 0,
        };
        bar.requestedCents += part.requestedCents;
        bar.approvedCents += part.approvedCents;
        bar.paidCents += part.paidCents;
        chart.set(key, bar);
      }
      const inYear = fiscalYear === undefined ? parts : parts.filter((p) => p.fiscalYear === fiscalYear);
      if (!inYear.length) continue;
      const government = governments.get(claim.claimantGovernmentId);
      const row = rows.get(claim.claimantGovernmentId) ?? {
        governmentId: claim.claimantGovernmentId,
        governmentCode: government?.code ?? '',
        governmentNameEn: government?.nameEn ?? '',
        governmentNameFr: government?.nameFr ?? '',
        requestedCents: 0,
        approvedCents: 0,
        paidCents: 0,
        outstandingCents: 0,
        claimsByStatus: emptyCounts(),
      };
      for (const part of inYear) {
        row.requestedCents += part.requestedCents;
        row.approvedCents += part.approvedCents;
        row.paidCents += part.paidCents;
      }
      row.claimsByStatus[claim.status] += 1;
      rows.set(claim.claimantGovernmentId, row);
    }
    const governmentRows = [...rows.values()]
      .map((r) => ({ ...r, outstandingCents: r.approvedCents - r.paidCents }))
      .sort((a, b) => (governments.get(a.governmentId)?.precedence ?? 0) - (governments.get(b.governmentId)?.precedence ?? 0));
    for (const r of governmentRows) {
      totals.requestedCents += r.requestedCents;
      totals.approvedCents += r.approvedCents;
      totals.paidCents += r.paidCents;
      for (const s of FUNDING_CLAIM_STATUSES) totals.claimsByStatus[s] += r.claimsByStatus[s];
    }
    totals.outstandingCents = totals.approvedCents - totals.paidCents;
    const byFiscalYear = [...chart.values()].sort((a, b) =>
      a.fiscalYear === b.fiscalYear
        ? (governments.get(a.governmentId)?.precedence ?? 0) - (governments.get(b.governmentId)?.precedence ?? 0)
        : a.fiscalYear < b.fiscalYear
          ? -1
          : 1,
    );
    return {
      programId: program.id,
      fiscalYear: fiscalYear ?? null,
      currency: 'CAD',
      budgetCents: program.budgetCents,
      governments: governmentRows,
      totals,
      byFiscalYear,
    };
  }

  // ---- the one path by which a claim changes

  /** Keeps the step in the claim's history, records the audit entry and emits `funding-claim.updated` with its notifications. */
  private async step(
    em: EntityManager,
    caller: Caller,
    program: FundingProgram,
    claim: FundingClaim,
    kind: FundingClaimEventKind,
    facts: { amountCents?: number | null; paidOn?: string; comment?: ReturnType<typeof readBilingual> },
    changes: Record<string, unknown>,
  ): Promise<void> {
    const event = await this.history.insert(
      {
        claimId: claim.id,
        kind,
        status: claim.status,
        amountCents: facts.amountCents ?? null,
        paidOn: facts.paidOn ?? null,
        comment: facts.comment?.text ?? emptyText(),
        sourceLang: facts.comment?.sourceLang ?? null,
        actorUserId: caller.userId,
        actorGovernmentId: caller.governmentId,
      },
      em,
    );
    const notice = this.notice(program, claim, kind, event.id, facts);
    const domainEvent: DomainEvent<'funding-claim.updated'> = {
      name: 'funding-claim.updated',
      payload: { id: claim.id, programId: program.id, status: claim.status },
      audience: { kind: 'body', bodyId: claim.bodyId },
      context: { step: kind, claimantGovernmentId: claim.claimantGovernmentId, fundingGovernmentId: program.fundingGovernmentId },
      notify: [notice],
    };
    await this.events.record(
      em,
      {
        actorUserId: caller.userId,
        action: `funding-claim.${kind}`,
        entityType: 'funding_claim',
        entityId: claim.id,
        changes: { ...changes, status: claim.status },
      },
      [domainEvent],
    );
  }

  /** The claimant and the funder are told once per step: the key names the claim and the step (each payment its own). */
  private notice(
    program: FundingProgram,
    claim: FundingClaim,
    kind: FundingClaimEventKind,
    eventId: string,
    facts: { amountCents?: number | null; paidOn?: string },
  ): NotificationIntent {
    const name = { en: program.name.en ?? program.name.fr ?? '', fr: program.name.fr ?? program.name.en ?? '' };
    const money = (cents: number | null | undefined, locale: Locale) => formatCents(cents ?? 0, locale);
    const period = `${claim.periodFrom} – ${claim.periodTo}`;
    const texts: Record<FundingClaimEventKind, { subject: { en: string; fr: string }; body: { en: string; fr: string } }> = {
      submitted: {
        subject: { en: `Funding claim submitted: ${name.en}`, fr: `Demande de financement présentée : ${name.fr}` },
        body: {
          en: `A claim of ${money(claim.requestedCents, 'en')} for ${period} was submitted under "${name.en}".`,
          fr: `Une demande de ${money(claim.requestedCents, 'fr')} pour la période du ${period} a été présentée au titre de « ${name.fr} ».`,
        },
      },
      approved: {
        subject: { en: `Funding claim approved: ${name.en}`, fr: `Demande de financement approuvée : ${name.fr}` },
        body: {
          en: `The claim for ${period} under "${name.en}" was approved for ${money(claim.approvedCents, 'en')} (requested: ${money(claim.requestedCents, 'en')}).`,
          fr: `La demande pour la période du ${period} au titre de « ${name.fr} » a été approuvée pour ${money(claim.approvedCents, 'fr')} (montant demandé : ${money(claim.requestedCents, 'fr')}).`,
        },
      },
      rejected: {
        subject: { en: `Funding claim rejected: ${name.en}`, fr: `Demande de financement refusée : ${name.fr}` },
        body: {
          en: `The claim for ${period} under "${name.en}" was rejected.`,
          fr: `La demande pour la période du ${period} au titre de « ${name.fr} » a été refusée.`,
        },
      },
      payment: {
        subject: { en: `Funding claim payment: ${name.en}`, fr: `Paiement d’une demande de financement : ${name.fr}` },
        body: {
          en: `A payment of ${money(facts.amountCents, 'en')} on ${facts.paidOn} was recorded on the claim for ${period} under "${name.en}"; ${money(claim.paidCents, 'en')} of ${money(claim.approvedCents, 'en')} paid.`,
          fr: `Un paiement de ${money(facts.amountCents, 'fr')} le ${facts.paidOn} a été inscrit pour la demande de la période du ${period} au titre de « ${name.fr} »; ${money(claim.paidCents, 'fr')} versés sur ${money(claim.approvedCents, 'fr')}.`,
        },
      },
      reconciled: {
        subject: { en: `Funding claim reconciled: ${name.en}`, fr: `Demande de financement rapprochée : ${name.fr}` },
        body: {
          en: `The claimant confirmed that the claim for ${period} under "${name.en}" is reconciled.`,
          fr: `Le demandeur a confirmé le rapprochement de la demande pour la période du ${period} au titre de « ${name.fr} ».`,
        },
      },
    };
    const step = kind === 'payment' ? `payment:${eventId}` : kind === 'approved' || kind === 'rejected' ? 'decided' : kind;
    return {
      category: 'funding',
      key: `funding-claim:${claim.id}:${step}`,
      recipients: { governmentIds: [...new Set([claim.claimantGovernmentId, program.fundingGovernmentId])] },
      ...texts[kind],
      link: `/funding-claims/${claim.id}`,
    };
  }

  // ---- access

  private async readableProgram(caller: Caller, id: string, em?: EntityManager): Promise<FundingProgram> {
    const program = await this.programs.findById(id, em);
    if (!program) throw notFound(PROGRAM);
    await this.access.requireInsideBody(caller, program.bodyId, PROGRAM, em);
    return program;
  }

  private async readableClaim(caller: Caller, id: string, em: EntityManager): Promise<FundingClaim> {
    const claim = await this.claims.findById(id, em);
    if (!claim) throw notFound(CLAIM);
    await this.access.requireInsideBody(caller, claim.bodyId, CLAIM, em);
    return claim;
  }

  /** Decisions and payments: the secretariat or an official of the funding government, never the claimant. */
  private requireFunderSide(caller: Caller, program: FundingProgram, claim: FundingClaim, verb: string): void {
    if (isSecretariat(caller)) return;
    if (caller.governmentId === claim.claimantGovernmentId)
      throw forbidden(`The claimant government never ${verb === 'decides' ? 'decides' : 'pays'} its own claim`);
    if (caller.governmentId !== program.fundingGovernmentId) throw forbidden(`Only the funding government (or the secretariat) ${verb} a claim`);
  }

  private async governmentsOf(program: FundingProgram, claims: FundingClaim[], em?: EntityManager): Promise<Map<string, Government>> {
    const ids = [...new Set([program.fundingGovernmentId, ...claims.map((c) => c.claimantGovernmentId)])];
    return new Map((await this.governments.findByIds(ids, em)).map((g) => [g.id, g]));
  }

  private async claimViews(program: FundingProgram, claims: FundingClaim[], reader: Locale): Promise<FundingClaimView[]> {
    const [history, governments] = await Promise.all([this.history.ofClaims(claims.map((c) => c.id)), this.governmentsOf(program, claims)]);
    const level = (id: string): GovernmentLevel => governments.get(id)?.level ?? 'federal';
    return claims.map((c) =>
      toFundingClaimView(c, history.get(c.id) ?? [], { funder: level(program.fundingGovernmentId), claimant: level(c.claimantGovernmentId) }, reader),
    );
  }
}

function messagesOf(error: unknown): string[] {
  const messages = (error as { messages?: string | string[] }).messages;
  if (messages === undefined) throw error;
  return Array.isArray(messages) ? messages : [messages];
}
