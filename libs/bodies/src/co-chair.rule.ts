import type { BodyKind, GovernmentLevel } from '@forum/contracts';

/**
 * The co-chair rule: a body has at most two co-chairs; a working group (or subgroup) is co-chaired
 * by the federal government and one province or territory. Returns why a new co-chair is refused, or null.
 */
export function coChairRefusal(kind: BodyKind, newCoChairLevel: GovernmentLevel, currentCoChairLevels: GovernmentLevel[]): string | null {
  if (currentCoChairLevels.length >= 2) return 'This body already has two co-chairs';
  if (kind !== 'working_group' && kind !== 'subgroup') return null;
  const side = (level: GovernmentLevel) => (level === 'federal' ? 'federal' : level === 'provincial' || level === 'territorial' ? 'pt' : 'other');
  const newSide = side(newCoChairLevel);
  if (newSide === 'other') return 'A working group is co-chaired by the federal government and a province or territory';
  if (currentCoChairLevels.some((l) => side(l) === newSide)) {
    return newSide === 'federal'
      ? 'This working group already has its federal co-chair'
      : 'This working group already has its provincial or territorial co-chair';
  }
  return null;
}
