import fc from 'fast-check';
import { centsToDollars, costShareRefusal, splitCents } from './cost-share.rule';

describe('cost shares', () => {
  it('must add up to exactly 100%', () => {
    expect(
      costShareRefusal([
        { governmentId: 'a', basisPoints: 7200 },
        { governmentId: 'b', basisPoints: 2800 },
      ]),
    ).toBeNull();
    expect(
      costShareRefusal([
        { governmentId: 'a', basisPoints: 7200 },
        { governmentId: 'b', basisPoints: 2799 },
      ]),
    ).toMatch(/99\.99%/);
    expect(
      costShareRefusal([
        { governmentId: 'a', basisPoints: 7200 },
        { governmentId: 'b', basisPoints: 2801 },
      ]),
    ).toMatch(/100\.01%/);
    expect(
      costShareRefusal([
        { governmentId: 'a', basisPoints: 5000 },
        { governmentId: 'a', basisPoints: 5000 },
      ]),
    ).toMatch(/twice/);
    expect(costShareRefusal([{ governmentId: 'a', basisPoints: 10000.5 }])).toMatch(/whole number/);
    expect(costShareRefusal([])).toBeNull();
  });

  it('splits the June 2018 $50M as announced (QC 72%, ON 22%, MB 6%)', () => {
    const parts = splitCents(5_000_000_000, [
      { governmentId: 'QC', basisPoints: 7200 },
      { governmentId: 'ON', basisPoints: 2200 },
      { governmentId: 'MB', basisPoints: 600 },
    ]);
    expect(Object.fromEntries(parts)).toEqual({ QC: 3_600_000_000, ON: 1_100_000_000, MB: 300_000_000 });
  });

  it('never loses or invents a cent', () => {
    expect(
      Object.fromEntries(
        splitCents(100, [
          { governmentId: 'a', basisPoints: 3333 },
          { governmentId: 'b', basisPoints: 3333 },
          { governmentId: 'c', basisPoints: 3334 },
        ]),
      ),
    ).toEqual({ a: 33, b: 33, c: 34 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 }), (total, weights) => {
        // turn arbitrary weights into basis points that add up to 10000
        const sum = weights.reduce((a, b) => a + b, 0);
        const points = weights.map((w) => Math.floor((w * 10000) / sum));
        points[0] += 10000 - points.reduce((a, b) => a + b, 0);
        if (points.some((p) => p < 1)) return;
        const parts = splitCents(
          total,
          points.map((p, i) => ({ governmentId: `g${i}`, basisPoints: p })),
        );
        expect([...parts.values()].reduce((a, b) => a + b, 0)).toBe(total);
      }),
    );
  });

  it('writes cents as dollars without floating point', () => {
    expect(centsToDollars(32_400_000_000)).toBe('324000000.00');
    expect(centsToDollars(5)).toBe('0.05');
    expect(centsToDollars(-1234)).toBe('-12.34');
  });
});
