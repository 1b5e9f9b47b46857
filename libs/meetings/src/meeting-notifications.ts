import type { Locale, NotificationIntent } from '@forum/contracts';
import { BilingualText, contentFor, timeToken } from '@forum/core';
import type { Meeting } from './meeting.entity';

/**
 * The texts of meeting notifications, in both languages: each recipient reads their language, the
 * meeting's content in it when it exists (else the other, marked), and the time in their own zone (the
 * time token is rendered per recipient).
 */
const where = (m: Meeting, locale: Locale) =>
  [m.location, m.videoUrl].filter(Boolean).join(' / ') || (locale === 'en' ? 'place to be confirmed' : 'lieu à confirmer');

interface Recipients {
  governmentIds: string[];
  userIds: string[];
}

const both = (make: (l: Locale) => string) => ({ en: make('en'), fr: make('fr') });

const intent = (m: Meeting, key: string, to: Recipients, subject: NotificationIntent['subject'], body: NotificationIntent['body']): NotificationIntent => ({
  category: 'meetings',
  key,
  recipients: { governmentIds: to.governmentIds, userIds: to.userIds },
  subject,
  body,
  link: `/meetings/${m.id}`,
});

const title = (m: Meeting, l: Locale) => contentFor(m.title, l);
const named = (bodyName: BilingualText | string, l: Locale) => (typeof bodyName === 'string' ? bodyName : contentFor(bodyName, l));

export function invitationNotice(m: Meeting, bodyName: BilingualText | string, to: Recipients): NotificationIntent {
  return intent(
    m,
    `meeting:${m.id}:invitation`,
    to,
    both((l) => (l === 'en' ? `Invitation: ${title(m, l)}` : `Invitation : ${title(m, l)}`)),
    both((l) =>
      l === 'en'
        ? `${named(bodyName, l)} meets on ${timeToken(m.startsAt)}. Where: ${where(m, l)}.`
        : `${named(bodyName, l)} se réunit le ${timeToken(m.startsAt)}. Lieu : ${where(m, l)}.`,
    ),
  );
}

export function changeNotice(m: Meeting, bodyName: BilingualText | string, to: Recipients, reason: string | null): NotificationIntent {
  const why = reason ? { en: ` Reason: ${reason}`, fr: ` Motif : ${reason}` } : { en: '', fr: '' };
  return intent(
    m,
    `meeting:${m.id}:rev:${m.sequence}`,
    to,
    both((l) => (l === 'en' ? `Meeting changed: ${title(m, l)}` : `Réunion modifiée : ${title(m, l)}`)),
    both((l) =>
      l === 'en'
        ? `${named(bodyName, l)} now meets on ${timeToken(m.startsAt)}. Where: ${where(m, l)}.${why.en}`
        : `${named(bodyName, l)} se réunit désormais le ${timeToken(m.startsAt)}. Lieu : ${where(m, l)}.${why.fr}`,
    ),
  );
}

export function cancellationNotice(m: Meeting, bodyName: BilingualText | string, to: Recipients, reason: string | null): NotificationIntent {
  const why = reason ? { en: ` Reason: ${reason}`, fr: ` Motif : ${reason}` } : { en: '', fr: '' };
  return intent(
    m,
    `meeting:${m.id}:cancelled`,
    to,
    both((l) => (l === 'en' ? `Meeting cancelled: ${title(m, l)}` : `Réunion annulée : ${title(m, l)}`)),
    both((l) =>
      l === 'en'
        ? `The meeting of ${named(bodyName, l)} planned for ${timeToken(m.startsAt)} is cancelled.${why.en}`
        : `La réunion de ${named(bodyName, l)} prévue le ${timeToken(m.startsAt)} est annulée.${why.fr}`,
    ),
  );
}

/** One notice per burst of changes to a published agenda (the key names the burst). */
export function revisedAgendaNotice(m: Meeting, bodyName: BilingualText | string, to: Recipients, burst: Date): NotificationIntent {
  return intent(
    m,
    `meeting:${m.id}:agenda-revised:${burst.getTime()}`,
    to,
    both((l) => (l === 'en' ? `Revised agenda: ${title(m, l)}` : `Ordre du jour révisé : ${title(m, l)}`)),
    both((l) =>
      l === 'en'
        ? `The agenda of the meeting of ${named(bodyName, l)} on ${timeToken(m.startsAt)} was revised.`
        : `L’ordre du jour de la réunion de ${named(bodyName, l)} du ${timeToken(m.startsAt)} a été révisé.`,
    ),
  );
}

export function agendaPublishedNotice(m: Meeting, bodyName: BilingualText | string, to: Recipients): NotificationIntent {
  const toFollow = m.agendaTranslationToFollow ? { en: ' Its translation is to follow.', fr: ' Sa traduction suivra.' } : { en: '', fr: '' };
  return intent(
    m,
    `meeting:${m.id}:agenda:${m.agendaRevision}`,
    to,
    both((l) => (l === 'en' ? `Agenda published: ${title(m, l)}` : `Ordre du jour publié : ${title(m, l)}`)),
    both((l) =>
      l === 'en'
        ? `The agenda of the meeting of ${named(bodyName, l)} on ${timeToken(m.startsAt)} is available.${toFollow.en}`
        : `L’ordre du jour de la réunion de ${named(bodyName, l)} du ${timeToken(m.startsAt)} est disponible.${toFollow.fr}`,
    ),
  );
}

/** Once per published revision: the agenda that went out with its translation to follow is now in both languages. */
export function agendaTranslationNotice(m: Meeting, bodyName: BilingualText | string, to: Recipients): NotificationIntent {
  return intent(
    m,
    `meeting:${m.id}:agenda:${m.agendaRevision}:translation_available`,
    to,
    both((l) => (l === 'en' ? `Agenda now in both languages: ${title(m, l)}` : `Ordre du jour dans les deux langues : ${title(m, l)}`)),
    both((l) =>
      l === 'en'
        ? `The translation of the agenda of the meeting of ${named(bodyName, l)} on ${timeToken(m.startsAt)} has arrived.`
        : `La traduction de l’ordre du jour de la réunion de ${named(bodyName, l)} du ${timeToken(m.startsAt)} est arrivée.`,
    ),
  );
}
