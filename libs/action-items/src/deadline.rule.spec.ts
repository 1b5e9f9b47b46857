import { daysUntil, doneOnTime, thresholdsReached } from './deadline.rule';

describe('deadline thresholds', () => {
  it('counts calendar days', () => {
    expect(daysUntil('2024-03-01', '2024-02-28')).toBe(2); // leap year
    expect(daysUntil('2024-03-10', '2024-03-11')).toBe(-1);
  });
  it('is due soon within 3 days, overdue after the day, escalated after 14 days overdue', () => {
    expect(thresholdsReached('in_progress', '2024-05-10', '2024-05-06')).toEqual([]);
    expect(thresholdsReached('in_progress', '2024-05-10', '2024-05-07')).toEqual(['due_soon']);
    expect(thresholdsReached('not_started', '2024-05-10', '2024-05-10')).toEqual(['due_soon']);
    expect(thresholdsReached('blocked', '2024-05-10', '2024-05-11')).toEqual(['overdue']);
    expect(thresholdsReached('blocked', '2024-05-10', '2024-05-24')).toEqual(['overdue']);
    expect(thresholdsReached('blocked', '2024-05-10', '2024-05-25')).toEqual(['overdue', 'escalated']);
  });
  it('ignores closed items', () => {
    expect(thresholdsReached('done', '2024-05-10', '2024-06-30')).toEqual([]);
    expect(thresholdsReached('cancelled', '2024-05-10', '2024-05-09')).toEqual([]);
  });
  it('is on time on the due day itself', () => {
    expect(doneOnTime('2024-05-10', '2024-05-10')).toBe(true);
    expect(doneOnTime('2024-05-11', '2024-05-10')).toBe(false);
  });
});
