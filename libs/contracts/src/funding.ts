import type { BilingualFields, TranslationState } from './bilingual';

/** Funding and cost recovery: what the API answers for programs, claims and their summaries (amounts in integer cents). */

export const FUNDING_CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'paid', 'reconciled'] as const;
export type FundingClaimStatus = (typeof FUNDING_CLAIM_STATUSES)[number];

export type FundingProgramView = {
  id: string;
  bodyId: string;
  fundingGovernmentId: string;
  currency: 'CAD';
  budgetCents: number | null;
  ratePerClaimantCents: number | null;
  /** the sum of the approvals so far (approved, paid and reconciled claims) */
  approvedCents: number;
  /** budget − approvals; null when the program has no budget */
  remainingCents: number | null;
  eligibleFrom: string;
  eligibleTo: string;
  decisionId: string | null;
  actionItemId: string | null;
  translation: TranslationState;
  createdByUserId: string | null;
  createdAt: string;
} & BilingualFields<'name'> &
  BilingualFields<'terms'>;

/** One fiscal year's part of a claim's amounts, pro rata by days of its period. */
export interface FiscalYearPart {
  fiscalYear: string;
  days: number;
  requestedCents: number;
  approvedCents: number;
  paidCents: number;
}

export type FundingDecisionView = {
  status: 'approved' | 'rejected';
  approvedCents: number | null;
  decidedByUserId: string | null;
  decidedByName: string | null;
  decidedByGovernmentId: string | null;
  decidedAt: string;
  translation: TranslationState;
} & BilingualFields<'comment'>;

export interface FundingPaymentView {
  id: string;
  amountCents: number;
  paidOn: string;
  recordedByUserId: string | null;
  recordedByName: string | null;
  recordedAt: string;
}

/** Every step of a claim, kept forever with who and when. */
export interface FundingClaimEventView {
  id: string;
  kind: 'submitted' | 'approved' | 'rejected' | 'payment' | 'reconciled';
  status: FundingClaimStatus;
  amountCents: number | null;
  paidOn: string | null;
  actorUserId: string | null;
  actorName: string | null;
  actorGovernmentId: string | null;
  at: string;
}

export type FundingClaimView = {
  id: string;
  programId: string;
  bodyId: string;
  claimantGovernmentId: string;
  periodFrom: string;
  periodTo: string;
  claimants: number | null;
  currency: 'CAD';
  requestedCents: number;
  approvedCents: number | null;
  paidCents: number;
  outstandingCents: number;
  status: FundingClaimStatus;
  evidenceDocumentIds: string[];
  submittedByUserId: string | null;
  submittedAt: string;
  decision: FundingDecisionView | null;
  payments: FundingPaymentView[];
  history: FundingClaimEventView[];
  /** the claim's amounts in the funder's fiscal years and in the claimant's (municipal: calendar years) */
  fiscalYears: { funder: FiscalYearPart[]; claimant: FiscalYearPart[] };
  translation: TranslationState;
} & BilingualFields<'description'>;

export interface FundingSummaryRow {
  governmentId: string;
  governmentCode: string;
  governmentNameEn: string;
  governmentNameFr: string;
  /** claims not rejected */
  requestedCents: number;
  approvedCents: number;
  paidCents: number;
  /** approved − paid */
  outstandingCents: number;
  claimsByStatus: Record<FundingClaimStatus, number>;
}

export interface FundingSummaryView {
  programId: string;
  /** the funder's fiscal year asked for, or null for the whole program */
  fiscalYear: string | null;
  currency: 'CAD';
  budgetCents: number | null;
  governments: FundingSummaryRow[];
  totals: Omit<FundingSummaryRow, 'governmentId' | 'governmentCode' | 'governmentNameEn' | 'governmentNameFr'>;
  /** per funder fiscal year and claimant government: what the chart draws */
  byFiscalYear: { fiscalYear: string; governmentId: string; requestedCents: number; approvedCents: number; paidCents: number }[];
}
