import { reorder } from './agenda-order.rule';
import { canMove } from './meeting-status.rule';
import { quorumOf } from './quorum.rule';
import { findSlots } from './slot-finder.rule';
import { holidayRegionOf, localTimes, WORKDAY_END_HOUR, WORKDAY_START_HOUR } from './working-hours.rule';

describe('quorum', () => {
  it('needs a majority of voting members by default', () => {
    expect(quorumOf(4, 2, 50).met).toBe(false);
    expect(quorumOf(4, 3, 50)).toMatchObject({ required: 3, met: true });
    expect(quorumOf(3, 2, 50).met).toBe(true);
  });
  it('honours a body’s own rule, up to every member', () => {
    expect(quorumOf(10, 6, 66).met).toBe(false);
    expect(quorumOf(10, 7, 66).met).toBe(true);
    expect(quorumOf(3, 2, 100).met).toBe(false);
    expect(quorumOf(3, 3, 100).met).toBe(true);
  });
  it('is never met without voting members', () => {
    expect(quorumOf(0, 0, 50).met).toBe(false);
  });
});

describe('agenda order', () => {
  it('inserts, moves and clamps without gaps or duplicates', () => {
    expect(reorder(['a', 'b', 'c'], 'd', undefined)).toEqual(['a', 'b', 'c', 'd']);
    expect(reorder(['a', 'b', 'c'], 'd', 1)).toEqual(['d', 'a', 'b', 'c']);
    expect(reorder(['a', 'b', 'c'], 'a', 3)).toEqual(['b', 'c', 'a']);
    expect(reorder(['a', 'b', 'c'], 'c', 99)).toEqual(['a', 'b', 'c']);
    expect(reorder(['a', 'b', 'c'], 'c', 0)).toEqual(['c', 'a', 'b']);
  });
});

describe('meeting status', () => {
  it('goes draft → scheduled → held, or to cancelled before it is held', () => {
    expect(canMove('draft', 'scheduled')).toBe(true);
    expect(canMove('scheduled', 'held')).toBe(true);
    expect(canMove('scheduled', 'cancelled')).toBe(true);
    expect(canMove('held', 'cancelled')).toBe(false);
    expect(canMove('cancelled', 'scheduled')).toBe(false);
    expect(canMove('draft', 'held')).toBe(false);
  });
});

describe('slot finder', () => {
  const participants = [
    { governmentId: 'NL', code: 'NL', nameEn: 'NL', timeZone: 'America/St_Johns', holidayRegion: holidayRegionOf('NL', 'provincial') },
    { governmentId: 'BC', code: 'BC', nameEn: 'BC', timeZone: 'America/Vancouver', holidayRegion: holidayRegionOf('BC', 'provincial') },
  ];

  it('finds the earliest slots inside everyone’s working day, around bookings', () => {
    const slots = findSlots({
      participants,
      busy: [{ start: new Date('2031-03-10T15:00:00Z'), end: new Date('2031-03-10T16:00:00Z') }],
      from: new Date('2031-03-08T00:00:00Z'),
      to: new Date('2031-03-12T00:00:00Z'),
      durationMinutes: 60,
      count: 3,
    });
    // Saturday and Sunday skipped; Monday BC opens 15:00 UTC (08:00 PDT) but that hour is booked; NL closes 20:30 UTC
    expect(slots.map((s) => s.start.toISOString())).toEqual(['2031-03-10T16:00:00.000Z', '2031-03-10T17:00:00.000Z', '2031-03-10T18:00:00.000Z']);
    for (const slot of slots) {
      for (const p of participants) {
        const { localStartsAt, localEndsAt } = localTimes(p.timeZone, slot.start, slot.end);
        expect(Number(localStartsAt.slice(11, 13))).toBeGreaterThanOrEqual(WORKDAY_START_HOUR);
        expect(localEndsAt.slice(11, 16) <= `${WORKDAY_END_HOUR}:00`).toBe(true);
      }
    }
  });

  it('finds nothing when the window holds no common working hour', () => {
    expect(
      findSlots({ participants, busy: [], from: new Date('2031-03-08T00:00:00Z'), to: new Date('2031-03-09T23:00:00Z'), durationMinutes: 60, count: 3 }),
    ).toEqual([]);
  });
});
