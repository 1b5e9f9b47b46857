import { alertToRaise, endOfWorkingDays, levelOf, monthOverMonth, periodsBetween, previousPeriod, sumFigures } from './indicator-level.rule';

describe('indicator levels', () => {
  const thresholds = { warningAt: 1000, surgeAt: 3000 };

  it('reaches a level at its threshold, surge above warning', () => {
    expect(levelOf(999, thresholds)).toBe('normal');
    expect(levelOf(1000, thresholds)).toBe('warning');
    expect(levelOf(3000, thresholds)).toBe('surge');
    expect(levelOf(null, thresholds)).toBe('normal');
    expect(levelOf(5000, { warningAt: null, surgeAt: null })).toBe('normal');
  });

  it('alerts once per period and level, a jump past both being one surge alert', () => {
    expect(alertToRaise('warning', [])).toBe('warning');
    expect(alertToRaise('warning', ['warning'])).toBeNull();
    expect(alertToRaise('surge', [])).toBe('surge');
    expect(alertToRaise('warning', ['surge'])).toBeNull();
    expect(alertToRaise('surge', ['warning'])).toBe('surge');
    expect(alertToRaise('normal', [])).toBeNull();
  });

  it('walks months, compares them and sums exactly', () => {
    expect(periodsBetween('2017-11', '2018-02')).toEqual(['2017-11', '2017-12', '2018-01', '2018-02']);
    expect(monthOverMonth(1800, 1200)).toEqual({ change: 600, changePercent: 50 });
    expect(monthOverMonth(10, null)).toEqual({ change: null, changePercent: null });
    expect(sumFigures([0.1, 0.2])).toBe(0.3);
    expect(previousPeriod(new Date('2018-01-01T12:00:00Z'))).toBe('2017-12');
  });

  it('ends the emergency window on the fifth working day, weekends skipped', () => {
    // Friday 6 July 2018 → Friday 13 July 2018 (Mon 9 … Fri 13)
    const end = endOfWorkingDays(new Date('2018-07-06T14:00:00Z'));
    expect(end.toISOString()).toBe('2018-07-14T03:59:59.999Z');
  });
});
