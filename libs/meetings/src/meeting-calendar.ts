import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
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
}

const WORDS = {
  en: { video: 'Video', agenda: 'Agenda', cancelled: 'Cancelled', when: 'When' },
  fr: { video: 'Vidéo', agenda: 'Ordre du jour', cancelled: 'Annulée', when: 'Quand' },
} as const;

/** The UID is derived from the meeting id alone, so every later copy replaces the earlier one in the reader's calendar. */
export const meetingUid = (meetingId: string) => `meeting-${meetingId}@forum`;

function organizerOf(from: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1] || 'Forum', email: match[2] } : { name: 'Forum', email: from.trim() };
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
    organizer: organizerOf(options.organizer),
    status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : m.status === 'draft' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
  });
}

/** One meeting as an invitation (METHOD:REQUEST), or its withdrawal (METHOD:CANCEL) once cancelled. Times are in UTC. */
export function meetingCalendar(m: Meeting, options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Forum', product: 'meetings', language: 'EN' },
    method: m.status === 'cancelled' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    name: contentFor(m.title, options.reader?.locale ?? 'en'),
  });
  addEvent(calendar, m, options);
  return calendar.toString();
}

/** A subscription feed (METHOD:PUBLISH); cancelled meetings stay in it with STATUS:CANCELLED so subscribers drop them. */
export function feedCalendar(meetings: Meeting[], name: string, options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Forum', product: 'meetings', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    name,
    ttl: 15 * 60,
  });
  for (const m of meetings) addEvent(calendar, m, options);
  return calendar.toString();
}
