import { concurrenceState, ConcurringSeat } from './concurrence.rule';

const seats: ConcurringSeat[] = [
  { governmentId: 'CA', role: 'co_chair' },
  { governmentId: 'ON', role: 'member' },
  { governmentId: 'QC', role: 'observer' },
  { governmentId: 'MB', role: 'member' },
];

describe('concurrenceState', () => {
  it('requires every non-observer member and never the observer', () => {
    const state = concurrenceState(seats, [], 1);
    expect(state.required).toEqual(['CA', 'ON', 'MB']);
    expect(state.awaiting).toEqual(['CA', 'ON', 'MB']);
    expect(state.complete).toBe(false);
  });

  it('is complete when all required concurred on the current revision, reservations included', () => {
    const state = concurrenceState(
      seats,
      [
        { governmentId: 'CA', revision: 2, position: 'concur' },
        { governmentId: 'ON', revision: 2, position: 'concur_with_reservation' },
        { governmentId: 'MB', revision: 2, position: 'concur' },
      ],
      2,
    );
    expect(state.complete).toBe(true);
    expect(state.reservations).toEqual(['ON']);
    expect(state.awaiting).toEqual([]);
  });

  it('does not count positions given on another revision', () => {
    const state = concurrenceState(
      seats,
      [
        { governmentId: 'CA', revision: 1, position: 'concur' },
        { governmentId: 'ON', revision: 1, position: 'concur' },
        { governmentId: 'MB', revision: 2, position: 'concur' },
      ],
      2,
    );
    expect(state.concurred).toEqual(['MB']);
    expect(state.awaiting).toEqual(['CA', 'ON']);
    expect(state.complete).toBe(false);
  });

  it('treats an objection as a position taken that blocks approval', () => {
    const state = concurrenceState(
      seats,
      [
        { governmentId: 'CA', revision: 1, position: 'concur' },
        { governmentId: 'ON', revision: 1, position: 'object' },
        { governmentId: 'MB', revision: 1, position: 'concur' },
      ],
      1,
    );
    expect(state.objections).toEqual(['ON']);
    expect(state.awaiting).toEqual([]);
    expect(state.complete).toBe(false);
  });

  it('ignores a position of a government that is not a required member (an observer)', () => {
    const state = concurrenceState(seats, [{ governmentId: 'QC', revision: 1, position: 'concur' }], 1);
    expect(state.concurred).toEqual([]);
  });
});
