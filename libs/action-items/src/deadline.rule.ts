import { isOpen, type ActionItemStatus } from './action-item-status.rule';

export const DUE_SOON_DAYS = 3;
export const ESCALATE_AFTER_DAYS = 14;

export const DEADLINE_THRESHOLDS = ['due_soon', 'overdue', 'escalated'] as const;
export type DeadlineThreshold = (typeof DEADLINE_THRESHOLDS)[number];

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS;

/** Whole calendar days from `today` to `dueOn` (negative once past due). */
export const daysUntil = (dueOn: string, today: string): number => dayNumber(dueOn) - dayNumber(today);

export const isOverdue = (status: ActionItemStatus, dueOn: string, today: string): boolean => isOpen(status) && daysUntil(dueOn, today) < 0;

export const isDueSoon = (status: ActionItemStatus, dueOn: string, today: string): boolean => {
  const days = daysUntil(dueOn, today);
  return isOpen(status) && days >= 0 && days <= DUE_SOON_DAYS;
};

/** The thresholds an open item has reached on `today` (the day in the lead government's zone). */
export function thresholdsReached(status: ActionItemStatus, dueOn: string, today: string): DeadlineThreshold[] {
  if (!isOpen(status)) return [];
  const days = daysUntil(dueOn, today);
  if (days < -ESCALATE_AFTER_DAYS) return ['overdue', 'escalated'];
  if (days < 0) return ['overdue'];
  if (days <= DUE_SOON_DAYS) return ['due_soon'];
  return [];
}

/** Finished on or before the due date, both read as days in the lead government's zone. */
export const doneOnTime = (completedOn: string, dueOn: string): boolean => daysUntil(dueOn, completedOn) >= 0;
