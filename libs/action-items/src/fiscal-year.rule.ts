import type { GovernmentLevel } from '@forum/contracts';

/**
 * The fiscal year a date falls in, for a government of the given level: the federal, provincial and
 * territorial years (and FCM's) run April to March ("2018-19"); most municipalities use the calendar year ("2018").
 */
export function fiscalYearOf(isoDate: string, level: GovernmentLevel): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  if (level === 'municipal') return String(year);
  const start = month >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
