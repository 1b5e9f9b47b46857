import { ACTION_ITEM_STATUSES, ActionItemStatus, checkTransition, progressAfter } from './action-item-status.rule';

describe('action item transitions', () => {
  const allowed: [ActionItemStatus, ActionItemStatus][] = [
    ['not_started', 'in_progress'],
    ['in_progress', 'blocked'],
    ['blocked', 'in_progress'],
    ['in_progress', 'done'],
    ['not_started', 'cancelled'],
    ['in_progress', 'cancelled'],
    ['blocked', 'cancelled'],
  ];
  const key = (from: string, to: string) => `${from}->${to}`;

  it('allows exactly the agreed moves for an official', () => {
    const allowedKeys = new Set(allowed.map(([f, t]) => key(f, t)));
    for (const from of ACTION_ITEM_STATUSES) {
      for (const to of ACTION_ITEM_STATUSES) {
        if (from === to) continue;
        const verdict = checkTransition(from, to, { secretariat: false, reason: 'because' });
        if (allowedKeys.has(key(from, to))) expect(verdict).toEqual({ ok: true });
        else if ((from === 'done' || from === 'cancelled') && to === 'in_progress') expect(verdict).toMatchObject({ ok: false, kind: 'forbidden' });
        else expect(verdict).toMatchObject({ ok: false, kind: 'illegal' });
      }
    }
  });

  it('lets the secretariat reopen a done item only with a reason', () => {
    expect(checkTransition('done', 'in_progress', { secretariat: true, reason: 'figures were wrong' })).toEqual({ ok: true });
    expect(checkTransition('done', 'in_progress', { secretariat: true, reason: '  ' })).toMatchObject({ ok: false, kind: 'invalid' });
    expect(checkTransition('done', 'blocked', { secretariat: true, reason: 'x' })).toMatchObject({ ok: false, kind: 'illegal' });
    expect(checkTransition('cancelled', 'in_progress', { secretariat: true, reason: 'x' })).toEqual({ ok: true });
    expect(checkTransition('cancelled', 'in_progress', { secretariat: false, reason: 'x' })).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(checkTransition('cancelled', 'done', { secretariat: true, reason: 'x' })).toMatchObject({ ok: false, kind: 'illegal' });
  });

  it('sets progress to 100 when done and keeps a closed item still', () => {
    expect(progressAfter('done', undefined, 40)).toEqual({ progress: 100 });
    expect(progressAfter('done', 90, 40)).toHaveProperty('refusal');
    expect(progressAfter('cancelled', 50, 40)).toHaveProperty('refusal');
    expect(progressAfter('cancelled', undefined, 40)).toEqual({ progress: 40 });
    expect(progressAfter('in_progress', 55, 40)).toEqual({ progress: 55 });
  });
});
