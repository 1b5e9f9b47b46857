import { ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, type ActionItemPriority, type ActionItemStatus } from '@forum/contracts';

export { ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, type ActionItemPriority, type ActionItemStatus };

export const OPEN_STATUSES: readonly ActionItemStatus[] = ['not_started', 'in_progress', 'blocked'];
export const isOpen = (status: ActionItemStatus): boolean => OPEN_STATUSES.includes(status);

const ALLOWED: Record<ActionItemStatus, ActionItemStatus[]> = {
  not_started: ['in_progress', 'cancelled'],
  in_progress: ['blocked', 'done', 'cancelled'],
  blocked: ['in_progress', 'cancelled'],
  done: ['in_progress'],
  // a cancellation (the lead government may cancel) can always be undone by the secretariat, with a reason
  cancelled: ['in_progress'],
};

export type TransitionVerdict =
  | { ok: true }
  /** the move is not in the state machine: 409 */
  | { ok: false; kind: 'illegal'; message: string }
  /** only the secretariat reopens: 403 */
  | { ok: false; kind: 'forbidden'; message: string }
  /** a reopening must say why: 400 naming the field */
  | { ok: false; kind: 'invalid'; message: string };

/**
 * The agreed lifecycle: not_started → in_progress ⇄ blocked, in_progress → done, any open state → cancelled;
 * reopening a done or cancelled item (→ in_progress) is the secretariat's, with a reason.
 */
export function checkTransition(
  from: ActionItemStatus,
  to: ActionItemStatus,
  by: { secretariat: boolean; reason?: string | null; reasonField?: string },
): TransitionVerdict {
  if (!ALLOWED[from].includes(to)) {
    return { ok: false, kind: 'illegal', message: `An action item cannot go from ${from} to ${to}` };
  }
  if (from === 'done' || from === 'cancelled') {
    if (!by.secretariat) return { ok: false, kind: 'forbidden', message: `Only the secretariat reopens a ${from} action item` };
    if (!by.reason?.trim()) return { ok: false, kind: 'invalid', message: `${by.reasonField ?? 'reason'} is required to reopen a ${from} action item` };
  }
  return { ok: true };
}

/** Progress that goes with a status: done means 100; a closed item's progress no longer moves. */
export function progressAfter(to: ActionItemStatus, requested: number | undefined, current: number): { progress: number } | { refusal: string } {
  if (to === 'done') {
    if (requested !== undefined && requested !== 100) return { refusal: 'progress must be 100 for a done action item' };
    return { progress: 100 };
  }
  if (!isOpen(to) && requested !== undefined && requested !== current) {
    return { refusal: `progress of a ${to} action item cannot change` };
  }
  return { progress: requested ?? current };
}
