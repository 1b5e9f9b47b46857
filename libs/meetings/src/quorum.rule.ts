/**
 * Quorum counts only voting seats: observers (Quebec at the FMRI tables) attend and speak but never
 * make or break quorum. The body's rule is a percentage that must be exceeded (50: a majority);
 * 100 means every voting member.
 */
export interface QuorumResult {
  rulePercent: number;
  eligible: number;
  present: number;
  required: number;
  met: boolean;
}

export function quorumOf(eligible: number, present: number, rulePercent: number): QuorumResult {
  const required = eligible === 0 ? 0 : Math.min(eligible, Math.floor((eligible * rulePercent) / 100) + 1);
  return { rulePercent, eligible, present, required, met: eligible > 0 && present >= required };
}
