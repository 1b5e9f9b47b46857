import type { FundingClaimEventView, FundingClaimView, FundingDecisionView, FundingPaymentView, FundingProgramView, GovernmentLevel } from '@forum/contracts';
import type { Locale } from '@forum/contracts';
import { bilingualView, translationState } from '@forum/core';
import type { FundingClaimEvent } from './funding-claim-event.entity';
import type { FundingClaim } from './funding-claim.entity';
import type { FundingProgram } from './funding-program.entity';
import type { ClaimEventWithActor } from './funding.repository';
import { splitByFiscalYear } from './fiscal-split.rule';

export function toFundingProgramView(p: FundingProgram, approvedCents: number, reader: Locale): FundingProgramView {
  return {
    id: p.id,
    bodyId: p.bodyId,
    ...bilingualView('name', p.name, reader),
    ...bilingualView('terms', p.terms, reader),
    translation: translationState(p.sourceLang, p.name, p.terms),
    fundingGovernmentId: p.fundingGovernmentId,
    currency: 'CAD',
    budgetCents: p.budgetCents,
    ratePerClaimantCents: p.ratePerClaimantCents,
    approvedCents,
    remainingCents: p.budgetCents === null ? null : p.budgetCents - approvedCents,
    eligibleFrom: p.eligibleFrom,
    eligibleTo: p.eligibleTo,
    decisionId: p.decisionId,
    actionItemId: p.actionItemId,
    createdByUserId: p.createdByUserId,
    createdAt: p.createdAt.toISOString(),
  };
}

function toEventView({ event: e, actorName }: ClaimEventWithActor): FundingClaimEventView {
  return {
    id: e.id,
    kind: e.kind,
    status: e.status,
    amountCents: e.amountCents,
    paidOn: e.paidOn,
    actorUserId: e.actorUserId,
    actorName,
    actorGovernmentId: e.actorGovernmentId,
    at: e.createdAt.toISOString(),
  };
}

function toDecisionView({ event: e, actorName }: ClaimEventWithActor, reader: Locale): FundingDecisionView {
  return {
    status: e.kind as 'approved' | 'rejected',
    approvedCents: e.amountCents,
    ...bilingualView('comment', e.comment, reader),
    translation: translationState(e.sourceLang ?? 'en', e.comment),
    decidedByUserId: e.actorUserId,
    decidedByName: actorName,
    decidedByGovernmentId: e.actorGovernmentId,
    decidedAt: e.createdAt.toISOString(),
  };
}

const isDecision = (e: FundingClaimEvent) => e.kind === 'approved' || e.kind === 'rejected';

export function toFundingClaimView(
  c: FundingClaim,
  history: ClaimEventWithActor[],
  levels: { funder: GovernmentLevel; claimant: GovernmentLevel },
  reader: Locale,
): FundingClaimView {
  const decision = history.find((h) => isDecision(h.event));
  const payments: FundingPaymentView[] = history
    .filter((h) => h.event.kind === 'payment')
    .map(({ event: e, actorName }) => ({
      id: e.id,
      amountCents: e.amountCents!,
      paidOn: e.paidOn!,
      recordedByUserId: e.actorUserId,
      recordedByName: actorName,
      recordedAt: e.createdAt.toISOString(),
    }));
  const approved = c.approvedCents ?? 0;
  const amounts = { requestedCents: c.requestedCents, approvedCents: approved, paidCents: c.paidCents };
  const period = { from: c.periodFrom, to: c.periodTo };
  return {
    id: c.id,
    programId: c.programId,
    bodyId: c.bodyId,
    claimantGovernmentId: c.claimantGovernmentId,
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    claimants: c.claimants,
    currency: 'CAD',
    requestedCents: c.requestedCents,
    approvedCents: c.approvedCents,
    paidCents: c.paidCents,
    outstandingCents: approved - c.paidCents,
    status: c.status,
    ...bilingualView('description', c.description, reader),
    translation: translationState(c.sourceLang, c.description),
    evidenceDocumentIds: c.evidenceDocumentIds,
    submittedByUserId: c.submittedByUserId,
    submittedAt: c.createdAt.toISOString(),
    decision: decision ? toDecisionView(decision, reader) : null,
    payments,
    history: history.map(toEventView),
    fiscalYears: { funder: splitByFiscalYear(period, amounts, levels.funder), claimant: splitByFiscalYear(period, amounts, levels.claimant) },
  };
}
