import type { CostShare } from '@forum/contracts';

export type { CostShare };

export const WHOLE = 10_000;

/** Why a cost-sharing arrangement is refused, or null; an empty arrangement means none is agreed yet. */
export function costShareRefusal(shares: CostShare[]): string | null {
  if (shares.length === 0) return null;
  const seen = new Set<string>();
  for (const share of shares) {
    if (!Number.isInteger(share.basisPoints) || share.basisPoints < 1 || share.basisPoints > WHOLE) {
      return 'costShares: each basisPoints must be a whole number from 1 to 10000';
    }
    if (seen.has(share.governmentId)) return 'costShares: a government appears twice';
    seen.add(share.governmentId);
  }
  const total = shares.reduce((sum, s) => sum + s.basisPoints, 0);
  if (total !== WHOLE) {
    return `costShares must add up to exactly 10000 basis points (100%), not ${total} (${formatPercent(total)})`;
  }
  return null;
}

const formatPercent = (basisPoints: number) => `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}%`;

/**
 * Splits an amount in cents by the shares so that the parts add up to the amount exactly
 * (largest remainder; ties go to the earlier share). BigInt keeps cents × basis points exact.
 */
export function splitCents(totalCents: number, shares: CostShare[]): Map<string, number> {
  const parts = new Map<string, number>();
  if (shares.length === 0) return parts;
  const total = BigInt(totalCents);
  const whole = BigInt(WHOLE);
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

/** Cents as Canadian dollars with two decimals, without ever going through floating point. */
export function centsToDollars(cents: number): string {
  const negative = cents < 0;
  const abs = BigInt(Math.abs(cents));
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
