import type { GovernmentLevel } from '@forum/contracts';
import { isOpen, type ActionItemStatus } from './action-item-status.rule';
import { splitCents, type CostShare } from './cost-share.rule';
import { doneOnTime, isDueSoon, isOverdue } from './deadline.rule';
import { fiscalYearOf } from './fiscal-year.rule';

/** What the report needs of an item, with dates already read in the lead government's zone. */
export interface AccountableItem {
  leadGovernmentId: string;
  status: ActionItemStatus;
  progress: number;
  dueOn: string;
  /** the day it was done, in the lead government's zone */
  completedOn: string | null;
  estimatedCostCents: number | null;
  actualCostCents: number | null;
  costShares: CostShare[];
}

export interface FiscalYearAmounts {
  fiscalYear: string;
  committedCostCents: number;
  actualCostCents: number;
}

/** How one government stands: counts are of the items it leads, costs are its shares of every item. */
export interface AccountabilityFigures {
  led: number;
  open: number;
  overdue: number;
  dueSoon: number;
  doneOnTime: number;
  doneLate: number;
  cancelled: number;
  /** mean progress of the items it leads that are not cancelled, one decimal; null when there are none */
  averageProgress: number | null;
  committedCostCents: number;
  actualCostCents: number;
  byFiscalYear: FiscalYearAmounts[];
}

/**
 * The accountability figures of one government over a set of items, as of `today` in its zone.
 * Cancelled items commit nobody to anything, so they count in no cost.
 */
export function accountabilityOf(governmentId: string, level: GovernmentLevel, items: AccountableItem[], today: string): AccountabilityFigures {
  const figures: AccountabilityFigures = {
    led: 0,
    open: 0,
    overdue: 0,
    dueSoon: 0,
    doneOnTime: 0,
    doneLate: 0,
    cancelled: 0,
    averageProgress: null,
    committedCostCents: 0,
    actualCostCents: 0,
    byFiscalYear: [],
  };
  let progressSum = 0;
  let progressCount = 0;
  const years = new Map<string, FiscalYearAmounts>();
  for (const item of items) {
    if (item.leadGovernmentId === governmentId) {
      figures.led += 1;
      if (isOpen(item.status)) figures.open += 1;
      if (isOverdue(item.status, item.dueOn, today)) figures.overdue += 1;
      if (isDueSoon(item.status, item.dueOn, today)) figures.dueSoon += 1;
      if (item.status === 'done') {
        if (item.completedOn && !doneOnTime(item.completedOn, item.dueOn)) figures.doneLate += 1;
        else figures.doneOnTime += 1;
      }
      if (item.status === 'cancelled') figures.cancelled += 1;
      else {
        progressSum += item.progress;
        progressCount += 1;
      }
    }
    if (item.status === 'cancelled') continue;
    if (!item.costShares.some((s) => s.governmentId === governmentId)) continue;
    const committed = item.estimatedCostCents === null ? 0 : (splitCents(item.estimatedCostCents, item.costShares).get(governmentId) ?? 0);
    const actual = item.actualCostCents === null ? 0 : (splitCents(item.actualCostCents, item.costShares).get(governmentId) ?? 0);
    figures.committedCostCents += committed;
    figures.actualCostCents += actual;
    const fiscalYear = fiscalYearOf(item.dueOn, level);
    const year = years.get(fiscalYear) ?? { fiscalYear, committedCostCents: 0, actualCostCents: 0 };
    year.committedCostCents += committed;
    year.actualCostCents += actual;
    years.set(fiscalYear, year);
  }
  figures.averageProgress = progressCount ? Math.round((progressSum * 10) / progressCount) / 10 : null;
  figures.byFiscalYear = [...years.values()].sort((a, b) => a.fiscalYear.localeCompare(b.fiscalYear));
  return figures;
}
