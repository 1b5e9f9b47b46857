import type { ActionItem } from './action-item.entity';
import { itemAsOf } from './as-of.rule';

const day = (d: string) => new Date(`${d}T12:00:00Z`);

describe('an action item as it stood on a date', () => {
  const item = {
    id: 'i',
    createdAt: day('2026-01-10'),
    status: 'done',
    progress: 100,
    dueOn: '2026-03-31',
    completedAt: day('2026-03-01'),
    estimatedCostCents: 500,
  } as unknown as ActionItem;
  const updates = [
    { createdAt: day('2026-01-10'), changes: { status: { from: null, to: 'not_started' } }, status: 'not_started', progress: 0 },
    {
      createdAt: day('2026-02-01'),
      changes: { status: { from: 'not_started', to: 'in_progress' }, dueOn: { from: '2026-02-28', to: '2026-03-31' } },
      status: 'in_progress',
      progress: 20,
    },
    { createdAt: day('2026-02-15'), changes: {}, status: null, progress: 60 },
    {
      createdAt: day('2026-03-01'),
      changes: { status: { from: 'in_progress', to: 'done' }, estimatedCostCents: { from: 400, to: 500 } },
      status: 'done',
      progress: 100,
    },
  ] as unknown as Parameters<typeof itemAsOf>[1];

  it('did not exist before it was created', () => {
    expect(itemAsOf(item, updates, day('2026-01-01'))).toBeNull();
  });

  it('undoes what changed later and takes the progress reported by then', () => {
    const then = itemAsOf(item, updates, day('2026-02-20'))!;
    expect(then).toMatchObject({ status: 'in_progress', progress: 60, dueOn: '2026-03-31', estimatedCostCents: 400, completedAt: null });
    expect(itemAsOf(item, updates, day('2026-01-20'))).toMatchObject({ status: 'not_started', progress: 0, dueOn: '2026-02-28' });
    expect(item.status).toBe('done');
  });

  it('is the item itself once nothing changed since', () => {
    expect(itemAsOf(item, updates, day('2026-04-01'))).toBe(item);
  });
});
