import { daysInclusive, fiscalYearDays, fiscalYearPeriod, splitByFiscalYear, splitProRata } from './fiscal-split.rule';
import { requestedAmount } from './claim-amount.rule';

describe('fiscal-year splits', () => {
  it('splits 1 January – 30 June 2018 between 2017-18 (90 days) and 2018-19 (91 days) for a province', () => {
    expect(daysInclusive('2018-01-01', '2018-06-30')).toBe(181);
    expect(fiscalYearDays('2018-01-01', '2018-06-30', 'provincial')).toEqual([
      { fiscalYear: '2017-18', days: 90 },
      { fiscalYear: '2018-19', days: 91 },
    ]);
    // $1,810,000.00 = 181,000,000 cents: exactly 1,000,000 cents a day
    expect(splitByFiscalYear({ from: '2018-01-01', to: '2018-06-30' }, { requestedCents: 181_000_000, approvedCents: 100, paidCents: 0 }, 'federal')).toEqual([
      { fiscalYear: '2017-18', days: 90, requestedCents: 90_000_000, approvedCents: 50, paidCents: 0 },
      { fiscalYear: '2018-19', days: 91, requestedCents: 91_000_000, approvedCents: 50, paidCents: 0 },
    ]);
  });

  it('keeps that period in one calendar year for a municipality', () => {
    expect(fiscalYearDays('2018-01-01', '2018-06-30', 'municipal')).toEqual([{ fiscalYear: '2018', days: 181 }]);
    expect(fiscalYearDays('2017-11-01', '2019-03-31', 'municipal')).toEqual([
      { fiscalYear: '2017', days: 61 },
      { fiscalYear: '2018', days: 365 },
      { fiscalYear: '2019', days: 90 },
    ]);
  });

  it('rounds by largest remainder, the parts summing exactly to the total', () => {
    // 100 cents over 90/91 days: 49.72… and 50.27… → 50 + 50 (the larger remainder, 0.72, takes the cent)
    expect(splitProRata(100, [90, 91])).toEqual([50, 50]);
    // 1 cent over three equal parts: the earliest takes it
    expect(splitProRata(1, [1, 1, 1])).toEqual([1, 0, 0]);
    // $50M over 2017-04-01..2018-12-31 (365 + 275 days): 28,515,625.00 and 21,484,375.00 dollars
    expect(splitProRata(5_000_000_000, [365, 275])).toEqual([2_851_562_500, 2_148_437_500]);
    // 10 cents over 3/3/3 days: 3.33… each, one left over → 4, 3, 3
    expect(splitProRata(10, [3, 3, 3])).toEqual([4, 3, 3]);
    // 7 cents over 1/2/4: exact 1, 2, 4
    expect(splitProRata(7, [1, 2, 4])).toEqual([1, 2, 4]);
    // large and odd: 999,999,999,999,997 cents over 181 days in 90/91
    const parts = splitProRata(999_999_999_999_997, [90, 91]);
    expect(parts[0] + parts[1]).toBe(999_999_999_999_997);
    expect(parts).toEqual([497_237_569_060_772, 502_762_430_939_225]);
  });

  it('reads fiscal year names as periods', () => {
    expect(fiscalYearPeriod('2017-18')).toEqual({ from: '2017-04-01', to: '2018-03-31' });
    expect(fiscalYearPeriod('1999-00')).toEqual({ from: '1999-04-01', to: '2000-03-31' });
    expect(fiscalYearPeriod('2017-19')).toBeNull();
    expect(fiscalYearPeriod('2018')).toEqual({ from: '2018-01-01', to: '2018-12-31' });
    expect(fiscalYearPeriod('soon')).toBeNull();
  });
});

describe('the amount requested', () => {
  it('is claimants × rate when the program has a rate, exactly', () => {
    expect(requestedAmount({ claimants: 1234, ratePerClaimantCents: 1_234_567, requestedCents: undefined })).toEqual({ cents: 1_523_455_678 });
    expect(requestedAmount({ claimants: 1234, ratePerClaimantCents: 1_234_567, requestedCents: 1_523_455_678 })).toEqual({ cents: 1_523_455_678 });
    expect(requestedAmount({ claimants: 1234, ratePerClaimantCents: 1_234_567, requestedCents: 1 })).toHaveProperty('refusal');
    expect(requestedAmount({ claimants: 10_000_000, ratePerClaimantCents: 10 ** 12, requestedCents: undefined })).toHaveProperty('refusal');
  });
  it('is stated by the claimant otherwise', () => {
    expect(requestedAmount({ ratePerClaimantCents: null, requestedCents: 500 })).toEqual({ cents: 500 });
    expect(requestedAmount({ ratePerClaimantCents: null, claimants: 10 })).toHaveProperty('refusal');
    expect(requestedAmount({ ratePerClaimantCents: 100 })).toHaveProperty('refusal');
  });
});
