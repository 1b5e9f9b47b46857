import { COST_SHARE_WHOLE, type CostShare } from '@forum/contracts';

export type { CostShare };
// the split is the web app's too (it shows each government's part as the API counts it): one copy, in the contracts
export { splitCents } from '@forum/contracts';

export const WHOLE = COST_SHARE_WHOLE;

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

/** Cents as Canadian dollars with two decimals, without ever going through floating point. */
export function centsToDollars(cents: number): string {
  const negative = cents < 0;
  const abs = BigInt(Math.abs(cents));
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
