/**
 * Where an item lands in an agenda of `count` items: positions run 1..n with no gaps or duplicates,
 * so a wanted position beyond the ends is taken as the nearest end.
 */
export function clampPosition(wanted: number | undefined, max: number): number {
  if (wanted === undefined) return max;
  return Math.min(Math.max(1, Math.trunc(wanted)), Math.max(1, max));
}

/** The ids in their new order once `id` is moved to `position` (1-based), or inserted there if new. */
export function reorder(ids: string[], id: string, position: number | undefined): string[] {
  const rest = ids.filter((x) => x !== id);
  const at = clampPosition(position, rest.length + 1) - 1;
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}
