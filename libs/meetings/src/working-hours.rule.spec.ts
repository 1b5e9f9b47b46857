import { HolidayCalendar, holidayRegionOf, localTimes, Participant, timeIssuesFor } from './working-hours.rule';

const p = (code: string, timeZone: string, level = 'provincial'): Participant => ({
  governmentId: code,
  code,
  nameEn: code,
  timeZone,
  holidayRegion: holidayRegionOf(code, level),
});
const NL = p('NL', 'America/St_Johns');
const BC = p('BC', 'America/Vancouver');
const SK = p('SK', 'America/Regina');
const CA = p('CA', 'America/Toronto', 'federal');
const codes = (participant: Participant, start: string, end: string) => timeIssuesFor(participant, new Date(start), new Date(end)).map((i) => i.code);

describe('working hours in each participant’s own zone', () => {
  it('accepts a meeting inside 08:00–18:00 on a working day everywhere from St. John’s to Vancouver', () => {
    for (const who of [NL, BC, SK, CA]) expect(codes(who, '2031-03-11T16:00:00Z', '2031-03-11T18:00:00Z')).toEqual([]);
  });

  it('uses Newfoundland’s half-hour offset: 17:45 is fine, 18:15 is not', () => {
    expect(codes(NL, '2031-03-11T19:45:00Z', '2031-03-11T20:15:00Z')).toEqual([]);
    expect(codes(NL, '2031-03-11T20:00:00Z', '2031-03-11T20:45:00Z')).toEqual(['outside_working_hours']);
    expect(codes(CA, '2031-03-11T20:00:00Z', '2031-03-11T20:45:00Z')).toEqual([]);
  });

  it('follows daylight saving in British Columbia but not in Saskatchewan', () => {
    // 15:30 UTC is 07:30 PST on Friday 7 March 2031 and 08:30 PDT on Monday 10 March, after the change
    expect(codes(BC, '2031-03-07T15:30:00Z', '2031-03-07T16:30:00Z')).toEqual(['outside_working_hours']);
    expect(codes(BC, '2031-03-10T15:30:00Z', '2031-03-10T16:30:00Z')).toEqual([]);
    // Regina stays at UTC−6 all year: 13:30 UTC is 07:30 both before and after
    expect(codes(SK, '2031-03-07T13:30:00Z', '2031-03-07T14:30:00Z')).toEqual(['outside_working_hours']);
    expect(codes(SK, '2031-03-10T13:30:00Z', '2031-03-10T14:30:00Z')).toEqual(['outside_working_hours']);
  });

  it('flags weekends and each jurisdiction’s own statutory holidays', () => {
    expect(codes(CA, '2031-03-08T16:00:00Z', '2031-03-08T17:00:00Z')).toEqual(['non_working_day']);
    expect(codes(NL, '2031-07-01T16:00:00Z', '2031-07-01T17:00:00Z')).toEqual(['statutory_holiday']);
    // British Columbia Day (first Monday of August) closes BC only
    expect(codes(BC, '2031-08-04T17:00:00Z', '2031-08-04T18:00:00Z')).toEqual(['statutory_holiday']);
    expect(codes(NL, '2031-08-04T17:00:00Z', '2031-08-04T18:00:00Z')).toEqual([]);
    // Remembrance Day is federal, and a British Columbia holiday, not Ontario's
    expect(codes(CA, '2031-11-11T17:00:00Z', '2031-11-11T18:00:00Z')).toEqual(['statutory_holiday']);
    expect(codes(p('ON', 'America/Toronto'), '2031-11-11T17:00:00Z', '2031-11-11T18:00:00Z')).toEqual([]);
  });

  it('gives cities their province’s holidays and associations the federal ones', () => {
    expect(holidayRegionOf('MTL', 'municipal')).toBe('CA-QC');
    expect(holidayRegionOf('FCM', 'association')).toBe('CA');
    expect(new HolidayCalendar().holidayOn('CA-QC', '2031-06-24')).toBeTruthy();
  });

  it('returns local times with the offset and the zone abbreviation in force at that instant', () => {
    expect(localTimes('America/St_Johns', new Date('2031-03-11T16:00:00Z'), new Date('2031-03-11T18:00:00Z'))).toEqual({
      localStartsAt: '2031-03-11T13:30:00-02:30',
      localEndsAt: '2031-03-11T15:30:00-02:30',
      zoneAbbreviation: 'NDT',
      zoneAbbreviationFr: 'HAT',
    });
    expect(localTimes('America/Vancouver', new Date('2027-01-13T18:00:00Z'), new Date('2027-01-13T19:00:00Z'))).toMatchObject({
      localStartsAt: '2027-01-13T10:00:00-08:00',
      zoneAbbreviation: 'PST',
    });
  });
});
