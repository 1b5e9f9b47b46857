import type { GovernmentLevel } from '@forum/contracts';

/**
 * Canadian order of precedence: the federal government, then the provinces by entry into
 * Confederation (ON, QC, NS, NB 1867; MB 1870; BC 1871; PE 1873; SK, AB 1905; NL 1949),
 * then the territories (NT 1870, YT 1898, NU 1999). Municipalities and associations follow.
 */
const FPT_ORDER = ['CA', 'ON', 'QC', 'NS', 'NB', 'MB', 'BC', 'PE', 'SK', 'AB', 'NL', 'NT', 'YT', 'NU'];

export function precedenceOf(code: string, level: GovernmentLevel): number {
  const fpt = FPT_ORDER.indexOf(code.toUpperCase());
  if (fpt >= 0) return fpt * 10;
  switch (level) {
    case 'federal':
      return 0;
    case 'provincial':
      return 500;
    case 'territorial':
      return 600;
    case 'municipal':
      return 1000;
    case 'association':
      return 2000;
  }
}

/** Sorts anything that names a government by the order of precedence, then by English name. */
export function byPrecedence<T extends { precedence: number; nameEn: string }>(a: T, b: T): number {
  return a.precedence - b.precedence || a.nameEn.localeCompare(b.nameEn);
}
