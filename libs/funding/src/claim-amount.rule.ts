/** Ten trillion dollars: far beyond any program, and well inside exact integer arithmetic (2^53). */
export const MAX_CENTS = 10 ** 15;

/**
 * The amount a claim asks for: with a per-claimant rate and a number of claimants it is computed
 * (claimants × rate, in BigInt so nothing is ever rounded); otherwise the claimant states it.
 * Answers the amount or the refusal to report (a 400 naming the field).
 */
export function requestedAmount(input: {
  claimants?: number | null;
  requestedCents?: number | null;
  ratePerClaimantCents: number | null;
}): { cents: number } | { refusal: string } {
  const { claimants, requestedCents, ratePerClaimantCents: rate } = input;
  if (rate !== null && claimants !== undefined && claimants !== null) {
    const computed = BigInt(claimants) * BigInt(rate);
    if (computed > BigInt(MAX_CENTS)) return { refusal: `requestedCents: ${claimants} claimants × ${rate} cents is more than ${MAX_CENTS} cents` };
    if (requestedCents !== undefined && requestedCents !== null && BigInt(requestedCents) !== computed) {
      return { refusal: `requestedCents must be claimants × ratePerClaimantCents (${computed}), or be left out` };
    }
    return { cents: Number(computed) };
  }
  if (requestedCents === undefined || requestedCents === null) {
    return { refusal: rate === null ? 'requestedCents must be given (the program has no per-claimant rate)' : 'requestedCents or claimants must be given' };
  }
  if (requestedCents < 1) return { refusal: 'requestedCents must be at least 1' };
  return { cents: requestedCents };
}
