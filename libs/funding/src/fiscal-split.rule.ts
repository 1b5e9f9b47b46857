import type { GovernmentLevel } from '@forum/contracts';
import { fiscalYearOf } from '@forum/action-items';

const DAY = 86_400_000;

const toDay = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
const fromDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** Days from `from` to `to`, both included. */
export const daysInclusive = (from: string, to: string): number => toDay(to) - toDay(from) + 1;

/** The first day of the fiscal year after the one `iso` falls in: 1 April (federal, provincial…) or 1 January (municipal). */
function nextYearStart(iso: string, level: GovernmentLevel): string {
  const year = Number(iso.slice(0, 4));
  if (level === 'municipal') return `${year + 1}-01-01`;
  return Number(iso.slice(5, 7)) >= 4 ? `${year + 1}-04-01` : `${year}-04-01`;
}

/** The fiscal years an inclusive period touches, each with its number of days, in order. */
export function fiscalYearDays(from: string, to: string, level: GovernmentLevel): { fiscalYear: string; days: number }[] {
  const parts: { fiscalYear: string; days: number }[] = [];
  let start = from;
  while (toDay(start) <= toDay(to)) {
    const next = nextYearStart(start, level);
    const end = Math.min(toDay(next) - 1, toDay(to));
    parts.push({ fiscalYear: fiscalYearOf(start, level), days: end - toDay(start) + 1 });
    start = fromDay(end + 1);
  }
  return parts;
}

/**
 * Splits integer cents over weights (days) pro rata, the parts summing exactly to the total: each part gets
 * the floor of its exact share, and the cents left over go one each to the largest remainders (ties: the
 * earlier part). BigInt throughout: no floating point, whatever the amount.
 */
export function splitProRata(totalCents: number | bigint, weights: number[]): number[] {
  const total = BigInt(totalCents);
  const sum = weights.reduce((n, w) => n + BigInt(w), 0n);
  if (sum === 0n) return weights.map(() => 0);
  const floors = weights.map((w) => (total * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => ({ i, r: total * BigInt(w) - floors[i] * sum }));
  let left = total - floors.reduce((n, f) => n + f, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left <= 0n) break;
    floors[i] += 1n;
    left -= 1n;
  }
  return floors.map(Number);
}

/** A claim's amounts in each fiscal year of the given level's calendar, pro rata by days of its period. */
export function splitByFiscalYear(
  period: { from: string; to: string },
  amounts: { requestedCents: number; approvedCents: number; paidCents: number },
  level: GovernmentLevel,
): { fiscalYear: string; days: number; requestedCents: number; approvedCents: number; paidCents: number }[] {
  const years = fiscalYearDays(period.from, period.to, level);
  const weights = years.map((y) => y.days);
  const requested = splitProRata(amounts.requestedCents, weights);
  const approved = splitProRata(amounts.approvedCents, weights);
  const paid = splitProRata(amounts.paidCents, weights);
  return years.map((y, i) => ({ ...y, requestedCents: requested[i], approvedCents: approved[i], paidCents: paid[i] }));
}

/** `2017-18` → the funder's year (April–March) as an inclusive period; a calendar year `2018` too. */
export function fiscalYearPeriod(fiscalYear: string): { from: string; to: string } | null {
  const federal = /^(\d{4})-(\d{2})$/.exec(fiscalYear);
  if (federal) {
    const start = Number(federal[1]);
    if ((start + 1) % 100 !== Number(federal[2])) return null;
    return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
  }
  const calendar = /^(\d{4})$/.exec(fiscalYear);
  return calendar ? { from: `${calendar[1]}-01-01`, to: `${calendar[1]}-12-31` } : null;
}
