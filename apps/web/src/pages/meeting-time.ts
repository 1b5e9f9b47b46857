import type { Meeting, Membership } from '../api/types';

/** The same working day the API checks (08:00–18:00 in each participant's zone), so warnings show while typing. */
export const WORKDAY_START_HOUR = 8;
export const WORKDAY_END_HOUR = 18;

function localParts(iso: string, timeZone: string): { hour: number; minute: number; weekday: string; text: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = Number(get('hour'));
  const minute = Number(get('minute'));
  return { hour, minute, weekday: get('weekday'), text: `${get('hour')}:${get('minute')}` };
}

export interface ZoneWarning {
  governmentId: string;
  government: Membership['government'];
  timeZone: string;
  localTime: string;
}

export function hoursOutsideWorkday(startsAt: string, endsAt: string, members: Membership[]): ZoneWarning[] {
  const out: ZoneWarning[] = [];
  for (const m of members) {
    const zone = m.government?.timeZone;
    if (!zone) continue;
    const start = localParts(startsAt, zone);
    const end = localParts(endsAt, zone);
    const startMinutes = start.hour * 60 + start.minute;
    const endMinutes = end.hour * 60 + end.minute;
    const weekend = start.weekday === 'Sat' || start.weekday === 'Sun';
    const sameDay = new Date(endsAt).getTime() - new Date(startsAt).getTime() < 24 * 3600_000 && endMinutes >= startMinutes;
    if (weekend || !sameDay || startMinutes < WORKDAY_START_HOUR * 60 || endMinutes > WORKDAY_END_HOUR * 60) {
      out.push({ governmentId: m.governmentId, government: m.government, timeZone: zone, localTime: `${start.weekday} ${start.text}–${end.text}` });
    }
  }
  return out;
}

/** Meetings at the same time of bodies that share a government with this one: someone would be double-booked. */
export function overlappingMeetings(startsAt: string, endsAt: string, meetings: Meeting[], membersOf: Map<string, string[]>, governmentIds: string[]): Meeting[] {
  const s = new Date(startsAt).getTime();
  const e = new Date(endsAt).getTime();
  const ours = new Set(governmentIds);
  return meetings.filter(
    (m) =>
      m.status !== 'cancelled' &&
      new Date(m.startsAt).getTime() < e &&
      new Date(m.endsAt).getTime() > s &&
      (membersOf.get(m.bodyId) ?? []).some((g) => ours.has(g)),
  );
}

/** The next slots, on the half hour, inside everyone's working day and clear of their other meetings. */
export function suggestSlots(from: Date, durationMinutes: number, members: Membership[], meetings: Meeting[], membersOf: Map<string, string[]>, count: number): { startsAt: string; endsAt: string }[] {
  const found: { startsAt: string; endsAt: string }[] = [];
  const start = new Date(from);
  start.setUTCMinutes(start.getUTCMinutes() < 30 ? 30 : 60, 0, 0);
  start.setTime(start.getTime() + 24 * 3600_000); // from tomorrow: nobody is invited to a meeting an hour away
  const ids = members.map((m) => m.governmentId);
  for (let t = start.getTime(), guard = 0; found.length < count && guard < 24 * 2 * 30; t += 30 * 60_000, guard++) {
    const s = new Date(t).toISOString();
    const e = new Date(t + durationMinutes * 60_000).toISOString();
    if (hoursOutsideWorkday(s, e, members).length === 0 && overlappingMeetings(s, e, meetings, membersOf, ids).length === 0) found.push({ startsAt: s, endsAt: e });
  }
  return found;
}
