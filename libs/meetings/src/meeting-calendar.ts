import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Locale } from '@forum/contracts';
import { contentFor, formatDateTime, typographyFor } from '@forum/core';
import type { Meeting } from './meeting.entity';

export interface CalendarOptions {
  publicBaseUrl: string;
  /** e.g. "Forum <no-reply@forum.local>": the organizer iTIP requires on REQUEST and CANCEL */
  organizer: string;
  /** body names by id, for the summaries */
  bodyNames: Map<string, string>;
  /** agenda lines per meeting id, when the agenda is published */
  agendas?: Map<string, string[]>;
  /** the reader: the description is written in their language, with the time in their zone */
  reader?: { locale: Locale; zone: string };
  /** the person who convenes the meeting (ORGANIZER of an invitation); the mail sender when unknown */
  convener?: { name: string; email: string } | null;
  /** ATTENDEE lines of an invitation: the delegates (observers as optional participants) */
  attendees?: { name: string; email: string; optional: boolean }[];
}

const WORDS = {
  en: { video: 'Video', agenda: 'Agenda', cancelled: 'Cancelled', when: 'When' },
  fr: { video: 'Vidéo', agenda: 'Ordre du jour', cancelled: 'Annulée', when: 'Quand' },
} as const;

/**
 * Text values (SUMMARY, DESCRIPTION, LOCATION) are escaped and folded by ical-generator; what it does not
 * escape is made safe here: a line break or control character in a calendar name or a display name (a
 * parameter value, which cannot be escaped in RFC 5545) would start a line of its own, and a double quote
 * would end the quoted value.
 */
export const calendarSafe = (value: string): string =>
  value
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/"/g, "'")
    .trim();

/** RFC 5545: every content line ends with CRLF, the last one (END:VCALENDAR) too. */
const terminated = (ics: string) => (ics.endsWith('\r\n') ? ics : `${ics}\r\n`);

/** The UID is derived from the meeting id alone, so every later copy replaces the earlier one in the reader's calendar. */
export const meetingUid = (meetingId: string) => `meeting-${meetingId}@forum`;

function organizerOf(from: string, convener?: { name: string; email: string } | null): { name: string; email: string } {
  if (convener) return { name: calendarSafe(convener.name) || 'Forum', email: calendarSafe(convener.email) };
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: calendarSafe(match[1]) || 'Forum', email: calendarSafe(match[2]) } : { name: 'Forum', email: calendarSafe(from) };
}

function addEvent(calendar: ReturnType<typeof ical>, m: Meeting, options: CalendarOptions): void {
  const body = options.bodyNames.get(m.bodyId);
  const agenda = options.agendas?.get(m.id);
  const link = `${options.publicBaseUrl}/meetings/${m.id}`;
  const locale = options.reader?.locale ?? 'en';
  const w = WORDS[locale];
  const colon = locale === 'fr' ? ' :' : ':';
  const description = [
    body ? `${body}` : null,
    options.reader ? `${w.when}${colon} ${formatDateTime(m.startsAt, options.reader.zone, locale)}` : null,
    m.videoUrl ? `${w.video}${colon} ${m.videoUrl}` : null,
    agenda?.length ? `${w.agenda}${colon}\n${agenda.join('\n')}` : null,
    m.status === 'cancelled' && m.cancellationReason ? `${w.cancelled}${colon} ${m.cancellationReason}` : null,
    link,
  ]
    .filter(Boolean)
    .map((line) => (line === link ? line : typographyFor(locale, line!)))
    .join('\n\n');
  const title = contentFor(m.title, locale);
  calendar.createEvent({
    id: meetingUid(m.id),
    sequence: m.sequence,
    start: m.startsAt,
    end: m.endsAt,
    stamp: m.updatedAt,
    lastModified: m.updatedAt,
    created: m.createdAt,
    summary: body ? `${title} (${body})` : title,
    location: m.location ?? m.videoUrl ?? null,
    description,
    url: link,
    organizer: organizerOf(options.organizer, options.convener),
    attendees: (options.attendees ?? []).map((a) => ({
      name: calendarSafe(a.name),
      email: calendarSafe(a.email),
      role: a.optional ? ICalAttendeeRole.OPT : ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: true,
    })),
    status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : m.status === 'draft' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
  });
}

/** One meeting as an invitation (METHOD:REQUEST), or its withdrawal (METHOD:CANCEL) once cancelled. Times are in UTC. */
export function meetingCalendar(m: Meeting, options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Forum', product: 'meetings', language: 'EN' },
    method: m.status === 'cancelled' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    name: calendarSafe(contentFor(m.title, options.reader?.locale ?? 'en')),
  });
  addEvent(calendar, m, options);
  return terminated(calendar.toString());
}

/** A subscription feed (METHOD:PUBLISH); cancelled meetings stay in it with STATUS:CANCELLED so subscribers drop them. */
export function feedCalendar(meetings: Meeting[], name: string, options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Forum', product: 'meetings', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    name: calendarSafe(name),
    ttl: 15 * 60,
  });
  for (const m of meetings) addEvent(calendar, m, options);
  return terminated(calendar.toString());
}
