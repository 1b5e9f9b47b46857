import type { DecisionPositionKind } from './decision-position.entity';

export interface ConsensusSeat {
  governmentId: string;
  role: 'member' | 'observer' | 'co_chair';
  /** marked present at the meeting */
  present: boolean;
}

/**
 * Consensus on a decision: every non-observer member government marked present has taken a position, and
 * none dissents. Abstaining does not break it; observers and absent governments are not counted.
 */
export function consensusOf(seats: ConsensusSeat[], positions: { governmentId: string; position: DecisionPositionKind }[]): boolean {
  const parties = seats.filter((s) => s.role !== 'observer' && s.present).map((s) => s.governmentId);
  const of = new Map(positions.map((p) => [p.governmentId, p.position]));
  if (!parties.length) return false;
  return parties.every((id) => of.has(id) && of.get(id) !== 'dissent');
}
