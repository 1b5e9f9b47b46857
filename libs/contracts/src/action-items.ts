import type { TranslationState } from './bilingual';
/** Action items on the wire: the statuses, priorities and views the API answers with (api, worker and web read these). */
export const ACTION_ITEM_STATUSES = ['not_started', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** Most urgent first, so that `sort=priority` puts the urgent items on top. */
export const ACTION_ITEM_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type ActionItemPriority = (typeof ACTION_ITEM_PRIORITIES)[number];

export type ActionItemUpdateKind = 'created' | 'report' | 'change';

/** A field's value before and after a change. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** One government's share of an item's cost, in basis points (1/100 of a percent). */
export interface CostShare {
  governmentId: string;
  basisPoints: number;
}

/** 10000 basis points: 100%, what the shares of an item's cost add up to exactly. */
export const COST_SHARE_WHOLE = 10_000;

/**
 * Splits an amount in cents by the shares so that the parts add up to the amount exactly
 * (largest remainder; ties go to the earlier share). BigInt keeps cents × basis points exact.
 */
export function splitCents(totalCents: number, shares: CostShare[]): Map<string, number> {
  const parts = new Map<string, number>();
  if (shares.length === 0) return parts;
  const total = BigInt(totalCents);
  const whole = BigInt(COST_SHARE_WHOLE);
  const floors = shares.map((s, index) => {
    const exact = total * BigInt(s.basisPoints);
    return { governmentId: s.governmentId, index, floor: exact / whole, remainder: exact % whole };
  });
  let left = total - floors.reduce((sum, f) => sum + f.floor, 0n);
  const byRemainder = [...floors].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const f of byRemainder) {
    if (left <= 0n) break;
    f.floor += 1n;
    left -= 1n;
  }
  for (const f of floors) parts.set(f.governmentId, Number(f.floor));
  return parts;
}

export interface ActionItemView {
  id: string;
  bodyId: string;
  meetingId: string | null;
  decisionId: string | null;
  title: string;
  titleEn: string | null;
  titleFr: string | null;
  description: string | null;
  descriptionEn: string | null;
  descriptionFr: string | null;
  translation: TranslationState;
  leadGovernmentId: string;
  supportingGovernmentIds: string[];
  responsibleUserIds: string[];
  dueOn: string;
  status: ActionItemStatus;
  progress: number;
  priority: ActionItemPriority;
  currency: 'CAD';
  estimatedCostCents: number | null;
  actualCostCents: number | null;
  fundingSource: string | null;
  costShares: CostShare[];
  completedAt: string | null;
  escalatedAt: string | null;
  escalatedToBodyId: string | null;
  createdByUserId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ActionItemUpdateView {
  id: string;
  actionItemId: string;
  kind: ActionItemUpdateKind;
  authorUserId: string | null;
  authorName: string | null;
  authorGovernmentId: string | null;
  note: string | null;
  noteEn: string | null;
  noteFr: string | null;
  translation: TranslationState;
  progress: number | null;
  status: string | null;
  /** the fields this update changed, each with its value before and after */
  changes: Record<string, FieldChange>;
  changedFields: string[];
  version: number;
  createdAt: string;
}

/** The part of an accountability report (GET /bodies/:id/accountability, /governments/:id/accountability) a summary reads: counted by the API over every item, never from a page of them. */
export interface AccountabilityFiguresView {
  /** open items, the overdue among them */
  open: number;
  overdue: number;
  doneOnTime: number;
  doneLate: number;
}
export interface BodyAccountabilitySummaryView {
  totals: AccountabilityFiguresView;
}
export interface GovernmentAccountabilitySummaryView {
  /** one row: the government across every body the caller may see */
  governments: AccountabilityFiguresView[];
}
/**
 * GET /accountability: the same figures for every body the caller may see and every government leading items in
 * them, in one answer (a row per body equals that body's report totals; a row per government, its report's row).
 */
export interface AccountabilityOverviewView {
  asOf: string;
  bodies: (AccountabilityFiguresView & { bodyId: string })[];
  governments: (AccountabilityFiguresView & { governmentId: string })[];
}
