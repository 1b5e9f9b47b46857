import type { ActionItem } from './action-item.entity';
import type { ActionItemUpdate } from './action-item-update.entity';

/**
 * An action item as it stood at `asOf`, rebuilt from its kept updates: null if it did not exist yet; otherwise
 * every change made after `asOf` is undone (newest first), and its status and progress are those of the last
 * update at or before `asOf`.
 */
export function itemAsOf(item: ActionItem, updates: Pick<ActionItemUpdate, 'createdAt' | 'changes' | 'status' | 'progress'>[], asOf: Date): ActionItem | null {
  if (item.createdAt.getTime() > asOf.getTime()) return null;
  const at = asOf.getTime();
  const sorted = [...updates].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const past = sorted.filter((u) => u.createdAt.getTime() <= at);
  const later = sorted.filter((u) => u.createdAt.getTime() > at);
  if (!later.length) return item;
  const then = Object.assign(Object.create(Object.getPrototypeOf(item)), item) as ActionItem;
  const fields = then as unknown as Record<string, unknown>;
  for (const u of [...later].reverse()) {
    for (const [field, change] of Object.entries(u.changes ?? {})) if (field in fields) fields[field] = change.from;
  }
  const last = [...past].reverse();
  const status = last.find((u) => u.status != null)?.status;
  const progress = last.find((u) => u.progress != null)?.progress;
  if (status) then.status = status as ActionItem['status'];
  if (progress != null) then.progress = progress;
  // done by then: when it became done (the last move to done at or before asOf); otherwise not completed
  const doneAt =
    last.find((u) => (u.changes?.status as { to?: unknown } | undefined)?.to === 'done' || (u.status === 'done' && !u.changes?.status))?.createdAt ?? null;
  then.completedAt = then.status === 'done' ? (doneAt ?? item.completedAt) : null;
  return then;
}
