import { accountabilityOf, AccountableItem } from './accountability.rule';

const item = (over: Partial<AccountableItem>): AccountableItem => ({
  leadGovernmentId: 'CA',
  status: 'in_progress',
  progress: 0,
  dueOn: '2018-06-30',
  completedOn: null,
  estimatedCostCents: null,
  actualCostCents: null,
  costShares: [],
  ...over,
});

describe('accountability figures', () => {
  const today = '2018-06-15';
  const items = [
    item({ status: 'in_progress', progress: 40, dueOn: '2018-06-01' }), // overdue
    item({ status: 'not_started', progress: 0, dueOn: '2018-06-17' }), // due soon
    item({ status: 'done', progress: 100, dueOn: '2018-05-01', completedOn: '2018-04-30' }), // on time
    item({ status: 'done', progress: 100, dueOn: '2018-05-01', completedOn: '2018-05-02' }), // late
    item({ status: 'cancelled', progress: 10, estimatedCostCents: 999_00, costShares: [{ governmentId: 'CA', basisPoints: 10000 }] }),
    item({
      leadGovernmentId: 'QC',
      dueOn: '2018-03-31',
      estimatedCostCents: 5_000_000_000,
      actualCostCents: 1_000_000_001,
      costShares: [
        { governmentId: 'CA', basisPoints: 7500 },
        { governmentId: 'QC', basisPoints: 2500 },
      ],
    }),
  ];

  it('counts the items a government leads and its shares of every item', () => {
    const ca = accountabilityOf('CA', 'federal', items, today);
    expect(ca).toMatchObject({ led: 5, open: 2, overdue: 1, dueSoon: 1, doneOnTime: 1, doneLate: 1, cancelled: 1 });
    expect(ca.averageProgress).toBe(60); // (40 + 0 + 100 + 100) / 4
    expect(ca.committedCostCents).toBe(3_750_000_000);
    expect(ca.actualCostCents).toBe(750_000_001); // the odd cent goes to the larger remainder
    expect(ca.byFiscalYear).toEqual([{ fiscalYear: '2017-18', committedCostCents: 3_750_000_000, actualCostCents: 750_000_001 }]);
    const qc = accountabilityOf('QC', 'provincial', items, today);
    expect(qc).toMatchObject({ led: 1, open: 1, overdue: 1, dueSoon: 0, averageProgress: 0, committedCostCents: 1_250_000_000, actualCostCents: 250_000_000 });
  });

  it('reads municipal amounts by calendar year', () => {
    const tor = accountabilityOf(
      'TOR',
      'municipal',
      [item({ dueOn: '2018-03-31', estimatedCostCents: 100, costShares: [{ governmentId: 'TOR', basisPoints: 10000 }] })],
      today,
    );
    expect(tor.byFiscalYear).toEqual([{ fiscalYear: '2018', committedCostCents: 100, actualCostCents: 0 }]);
    expect(tor.averageProgress).toBeNull();
  });
});
