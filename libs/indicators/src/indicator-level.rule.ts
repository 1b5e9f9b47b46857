import { DateTime } from 'luxon';
import type { IndicatorLevel } from '@forum/contracts';

const RANK: Record<IndicatorLevel, number> = { normal: 0, warning: 1, surge: 2 };

/** A level is reached when the monthly total is at least its threshold; surge outranks warning. */
export function levelOf(total: number | null, thresholds: { warningAt: number | null; surgeAt: number | null }): IndicatorLevel {
  if (total === null) return 'normal';
  if (thresholds.surgeAt !== null && total >= thresholds.surgeAt) return 'surge';
  if (thresholds.warningAt !== null && total >= thresholds.warningAt) return 'warning';
  return 'normal';
}

/**
 * The alert a period raises now, if any. A period alerts at most once per level, and never for a level at or
 * below one it already alerted: a jump past both thresholds is one alert at surge, and a revision that moves
 * the total below a threshold and back does not alert again.
 */
export function alertToRaise(level: IndicatorLevel, alerted: IndicatorLevel[]): Exclude<IndicatorLevel, 'normal'> | null {
  if (level === 'normal') return null;
  const highest = Math.max(0, ...alerted.map((l) => RANK[l]));
  return RANK[level] > highest ? level : null;
}

export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Every month from `from` to `to`, both included (YYYY-MM). */
export function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let at = DateTime.fromFormat(from, 'yyyy-MM', { zone: 'utc' });
  const end = DateTime.fromFormat(to, 'yyyy-MM', { zone: 'utc' });
  while (at <= end && out.length < 1200) {
    out.push(at.toFormat('yyyy-MM'));
    at = at.plus({ months: 1 });
  }
  return out;
}

/** The month before a date's, in the forum's zone (what governments report at the start of a month). */
export function previousPeriod(now: Date, zone = 'America/Toronto'): string {
  return DateTime.fromJSDate(now, { zone }).startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');
}

export function currentPeriod(now: Date, zone = 'America/Toronto'): string {
  return DateTime.fromJSDate(now, { zone }).toFormat('yyyy-MM');
}

export interface PeriodTotalLike {
  period: string;
  total: number;
}

export function monthOverMonth(total: number | null, previous: number | null): { change: number | null; changePercent: number | null } {
  if (total === null || previous === null) return { change: null, changePercent: null };
  const change = Math.round((total - previous) * 100) / 100;
  return { change, changePercent: previous === 0 ? null : Math.round((change / previous) * 1000) / 10 };
}

/** The end of the fifth working day (Monday to Friday) after `now`, in the forum's zone: the emergency window. */
export function endOfWorkingDays(now: Date, workingDays = 5, zone = 'America/Toronto'): Date {
  let day = DateTime.fromJSDate(now, { zone }).startOf('day');
  let counted = 0;
  while (counted < workingDays) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) counted += 1;
  }
  return day.endOf('day').toJSDate();
}

/** Figures keep two decimals; sums are rounded back to them so 0.1 + 0.2 totals 0.3. */
export const sumFigures = (values: number[]): number => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
