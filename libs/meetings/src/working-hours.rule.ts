import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/** The working day every participant is asked to respect, in its own zone. */
export const WORKDAY_START_HOUR = 8;
export const WORKDAY_END_HOUR = 18;

/** Who a government is for time purposes: its IANA zone and the jurisdiction whose statutory holidays it keeps. */
export interface Participant {
  governmentId: string;
  code: string;
  nameEn: string;
  timeZone: string;
  /** 'CA' for the federal government and associations, 'CA-ON' etc. for provinces, territories and their cities */
  holidayRegion: string;
}

export type TimeIssueCode = 'outside_working_hours' | 'non_working_day' | 'statutory_holiday';

export interface TimeIssue {
  code: TimeIssueCode;
  message: string;
  governmentId: string;
}

const PROVINCES = new Set(['NL', 'PE', 'NS', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU']);
/** Cities keep their province's holidays; the government record carries no province, so the known ones are named here. */
const CITY_PROVINCE: Record<string, string> = { TOR: 'ON', MTL: 'QC', CK: 'ON', OTT: 'ON', VAN: 'BC', WPG: 'MB', CGY: 'AB', EDM: 'AB', HFX: 'NS' };

export function holidayRegionOf(code: string, level: string): string {
  const upper = code.toUpperCase();
  if ((level === 'provincial' || level === 'territorial') && PROVINCES.has(upper)) return `CA-${upper}`;
  if (level === 'municipal' && CITY_PROVINCE[upper]) return `CA-${CITY_PROVINCE[upper]}`;
  return 'CA';
}

/**
 * Federal holidays (Canada Labour Code, plus Easter Monday for the public service) that date-holidays
 * lists only under the provinces; they are borrowed from Ontario's and British Columbia's lists by name.
 */
const FEDERAL_FROM_PROVINCES = /^(Easter Monday|Victoria Day|Thanksgiving|Remembrance Day|Boxing Day)$/;

/**
 * Statutory holidays per jurisdiction, from date-holidays (public holidays only; observances such as
 * Groundhog Day do not close offices). The federal public service also closes on the National Day for
 * Truth and Reconciliation, which the library lists as an observance.
 */
export class HolidayCalendar {
  private readonly byRegionYear = new Map<string, Map<string, string>>();

  holidayOn(region: string, isoDate: string): string | null {
    const year = Number(isoDate.slice(0, 4));
    const key = `${region}:${year}`;
    let days = this.byRegionYear.get(key);
    if (!days) {
      const [country, state] = region.split('-');
      const holidays = state ? new Holidays(country, state) : new Holidays(country);
      days = new Map();
      for (const h of holidays.getHolidays(year) || []) {
        const federalExtra = !state && /Truth and Reconciliation/i.test(h.name);
        if (h.type === 'public' || federalExtra) days.set(h.date.slice(0, 10), h.name);
      }
      if (!state) {
        for (const province of ['ON', 'BC']) {
          for (const h of new Holidays(country, province).getHolidays(year) || []) {
            if (h.type === 'public' && FEDERAL_FROM_PROVINCES.test(h.name)) days.set(h.date.slice(0, 10), h.name);
          }
        }
      }
      this.byRegionYear.set(key, days);
    }
    return days.get(isoDate) ?? null;
  }
}

/** one per process: a jurisdiction's holidays of a year are computed once */
export const defaultCalendar = new HolidayCalendar();

const hhmm = (t: DateTime) => t.toFormat('HH:mm');

/**
 * Why [start, end) does not sit inside one working day of the participant, in its own zone.
 * Zones come from the IANA database through luxon, so DST changes, Newfoundland's half hour and
 * Saskatchewan's year-round standard time are all right without a single fixed offset.
 */
export function timeIssuesFor(participant: Participant, start: Date, end: Date, calendar = defaultCalendar): TimeIssue[] {
  const localStart = DateTime.fromJSDate(start, { zone: participant.timeZone });
  const localEnd = DateTime.fromJSDate(end, { zone: participant.timeZone });
  const issues: TimeIssue[] = [];
  const who = `${participant.nameEn} (${participant.timeZone})`;
  const days = new Set([localStart.toISODate()!, localEnd.minus({ milliseconds: 1 }).toISODate()!]);
  for (const day of days) {
    const date = DateTime.fromISO(day, { zone: participant.timeZone });
    if (date.weekday >= 6) {
      issues.push({ code: 'non_working_day', governmentId: participant.governmentId, message: `${day} is a ${date.toFormat('cccc')} for ${who}` });
      continue;
    }
    const holiday = calendar.holidayOn(participant.holidayRegion, day);
    if (holiday) {
      issues.push({ code: 'statutory_holiday', governmentId: participant.governmentId, message: `${day} is a statutory holiday (${holiday}) for ${who}` });
    }
  }
  const startMinutes = localStart.hour * 60 + localStart.minute;
  const endMinutes = localEnd.hour * 60 + localEnd.minute;
  const sameDay = localStart.toISODate() === localEnd.minus({ milliseconds: 1 }).toISODate();
  const problems: string[] = [];
  if (startMinutes < WORKDAY_START_HOUR * 60 || startMinutes >= WORKDAY_END_HOUR * 60) problems.push(`starts at ${hhmm(localStart)}`);
  if (!sameDay || endMinutes > WORKDAY_END_HOUR * 60 || endMinutes <= WORKDAY_START_HOUR * 60)
    problems.push(`ends at ${hhmm(localEnd)}${sameDay ? '' : ' the next day'}`);
  if (problems.length) {
    issues.push({
      code: 'outside_working_hours',
      governmentId: participant.governmentId,
      message: `The meeting ${problems.join(' and ')} for ${who}, outside ${WORKDAY_START_HOUR}:00–${WORKDAY_END_HOUR}:00`,
    });
  }
  return issues;
}

/**
 * timeIssuesFor(...).length === 0, without building the messages: the slot finder asks this thousands of
 * times a search, so it answers from the cheapest test that fails.
 */
export function fitsWorkingDay(participant: Participant, start: Date, end: Date, calendar = defaultCalendar): boolean {
  const localStart = DateTime.fromJSDate(start, { zone: participant.timeZone });
  if (localStart.weekday >= 6) return false;
  const startMinutes = localStart.hour * 60 + localStart.minute;
  if (startMinutes < WORKDAY_START_HOUR * 60 || startMinutes >= WORKDAY_END_HOUR * 60) return false;
  const localEnd = DateTime.fromJSDate(end, { zone: participant.timeZone });
  const endMinutes = localEnd.hour * 60 + localEnd.minute;
  if (endMinutes > WORKDAY_END_HOUR * 60 || endMinutes <= WORKDAY_START_HOUR * 60) return false;
  const day = localStart.toISODate()!;
  if (localEnd.minus({ milliseconds: 1 }).toISODate() !== day) return false;
  return calendar.holidayOn(participant.holidayRegion, day) === null;
}

/** The participant's wall-clock times, ISO 8601 with the zone's offset at that instant. */
/**
 * A meeting's times in one zone, from the server's zone data (the one truth: browsers' may differ), with the
 * zone's abbreviation at the start (PST, HNP in French) so a time is never shown without its zone.
 */
export function localTimes(
  timeZone: string,
  start: Date,
  end: Date,
): { localStartsAt: string; localEndsAt: string; zoneAbbreviation: string; zoneAbbreviationFr: string } {
  const at = DateTime.fromJSDate(start, { zone: timeZone });
  return {
    localStartsAt: at.toISO({ suppressMilliseconds: true })!,
    localEndsAt: DateTime.fromJSDate(end, { zone: timeZone }).toISO({ suppressMilliseconds: true })!,
    zoneAbbreviation: at.setLocale('en-CA').toFormat('ZZZZ'),
    zoneAbbreviationFr: at.setLocale('fr-CA').toFormat('ZZZZ'),
  };
}
