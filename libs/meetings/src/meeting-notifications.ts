import type { NotificationIntent } from '@forum/contracts';
import { DateTime } from 'luxon';
import type { Meeting } from './meeting.entity';

/**
 * The bilingual texts of meeting notifications. Times are given in UTC and in Ottawa time; each
 * reader sees their own zone in the app, which the link opens.
 */
const when = (m: Meeting, locale: 'en' | 'fr') => {
  const ottawa = DateTime.fromJSDate(m.startsAt, { zone: 'America/Toronto' }).setLocale(locale === 'en' ? 'en-CA' : 'fr-CA');
  const formatted = ottawa.toLocaleString(DateTime.DATETIME_FULL);
  return locale === 'en' ? `${formatted} (Ottawa time; ${m.startsAt.toISOString()} UTC)` : `${formatted} (heure d'Ottawa; ${m.startsAt.toISOString()} UTC)`;
};
const where = (m: Meeting, locale: 'en' | 'fr') =>
  [m.location, m.videoUrl].filter(Boolean).join(' / ') || (locale === 'en' ? 'place to be confirmed' : 'lieu à confirmer');

interface Recipients {
  governmentIds: string[];
  userIds: string[];
}

const intent = (m: Meeting, key: string, to: Recipients, subject: NotificationIntent['subject'], body: NotificationIntent['body']): NotificationIntent => ({
  category: 'meetings',
  key,
  recipients: { governmentIds: to.governmentIds, userIds: to.userIds },
  subject,
  body,
  link: `/meetings/${m.id}`,
});

export function invitationNotice(m: Meeting, bodyName: string, to: Recipients): NotificationIntent {
  return intent(
    m,
    `meeting:${m.id}:invitation`,
    to,
    { en: `Invitation: ${m.title}`, fr: `Invitation : ${m.title}` },
    {
      en: `${bodyName} meets on ${when(m, 'en')}. Where: ${where(m, 'en')}.`,
      fr: `${bodyName} se réunit le ${when(m, 'fr')}. Lieu : ${where(m, 'fr')}.`,
    },
  );
}

export function changeNotice(m: Meeting, bodyName: string, to: Recipients, reason: string | null): NotificationIntent {
  const why = reason ? { en: ` Reason: ${reason}`, fr: ` Motif : ${reason}` } : { en: '', fr: '' };
  return intent(
    m,
    `meeting:${m.id}:rev:${m.sequence}`,
    to,
    { en: `Meeting changed: ${m.title}`, fr: `Réunion modifiée : ${m.title}` },
    {
      en: `${bodyName} now meets on ${when(m, 'en')}. Where: ${where(m, 'en')}.${why.en}`,
      fr: `${bodyName} se réunit désormais le ${when(m, 'fr')}. Lieu : ${where(m, 'fr')}.${why.fr}`,
    },
  );
}

export function cancellationNotice(m: Meeting, bodyName: string, to: Recipients, reason: string | null): NotificationIntent {
  const why = reason ? { en: ` Reason: ${reason}`, fr: ` Motif : ${reason}` } : { en: '', fr: '' };
  return intent(
    m,
    `meeting:${m.id}:cancelled`,
    to,
    { en: `Meeting cancelled: ${m.title}`, fr: `Réunion annulée : ${m.title}` },
    {
      en: `The meeting of ${bodyName} planned for ${when(m, 'en')} is cancelled.${why.en}`,
      fr: `La réunion de ${bodyName} prévue le ${when(m, 'fr')} est annulée.${why.fr}`,
    },
  );
}

/** One notice per burst of changes to a published agenda (the key names the burst). */
export function revisedAgendaNotice(m: Meeting, bodyName: string, to: Recipients, burst: Date): NotificationIntent {
  return intent(
    m,
    `meeting:${m.id}:agenda-revised:${burst.getTime()}`,
    to,
    { en: `Revised agenda: ${m.title}`, fr: `Ordre du jour révisé : ${m.title}` },
    {
      en: `The agenda of the meeting of ${bodyName} on ${when(m, 'en')} was revised.`,
      fr: `L'ordre du jour de la réunion de ${bodyName} du ${when(m, 'fr')} a été révisé.`,
    },
  );
}

export function agendaPublishedNotice(m: Meeting, bodyName: string, to: Recipients): NotificationIntent {
  return intent(
    m,
    `meeting:${m.id}:agenda:${m.agendaRevision}`,
    to,
    { en: `Agenda published: ${m.title}`, fr: `Ordre du jour publié : ${m.title}` },
    {
      en: `The agenda of the meeting of ${bodyName} on ${when(m, 'en')} is available.`,
      fr: `L'ordre du jour de la réunion de ${bodyName} du ${when(m, 'fr')} est disponible.`,
    },
  );
}
