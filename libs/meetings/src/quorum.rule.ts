import type { QuorumResult } from '@forum/contracts';
export type { QuorumResult } from '@forum/contracts';

export function quorumOf(eligible: number, present: number, rulePercent: number): QuorumResult {
  const required = eligible === 0 ? 0 : Math.min(eligible, Math.floor((eligible * rulePercent) / 100) + 1);
  return { rulePercent, eligible, present, required, met: eligible > 0 && present >= required };
}
