import type { Locale } from '@forum/contracts';

/** Cents as a reader writes money: `$36,000,000.00` in English, `36 000 000,00 $` in French. Exact, no floats. */
export function formatCents(cents: number, locale: Locale): string {
  const value = BigInt(cents);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const dollars = (abs / 100n).toString();
  const rest = (abs % 100n).toString().padStart(2, '0');
  const grouped = dollars.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'fr' ? '\u00a0' : ',');
  const sign = negative ? '-' : '';
  return locale === 'fr' ? `${sign}${grouped},${rest}\u00a0$` : `${sign}$${grouped}.${rest}`;
}
