import { fiscalYearOf } from './fiscal-year.rule';

describe('fiscal years', () => {
  it('runs April to March for the federal and provincial governments', () => {
    expect(fiscalYearOf('2018-03-31', 'federal')).toBe('2017-18');
    expect(fiscalYearOf('2018-04-01', 'provincial')).toBe('2018-19');
    expect(fiscalYearOf('2019-12-31', 'territorial')).toBe('2019-20');
    expect(fiscalYearOf('2099-06-01', 'federal')).toBe('2099-00');
  });
  it('is the calendar year for municipalities', () => {
    expect(fiscalYearOf('2018-03-31', 'municipal')).toBe('2018');
    expect(fiscalYearOf('2018-04-01', 'municipal')).toBe('2018');
  });
});
