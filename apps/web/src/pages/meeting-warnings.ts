import type { Invitee, Warning } from '../api/types';
import { formatLocalTime } from '../i18n/format';

export type { Invitee };

const TRANSLATED = new Set(['outside_working_hours', 'non_working_day', 'statutory_holiday', 'delegate_double_booked', 'agenda_overrun']);

/**
 * The API's warnings in the reader's language. The API decides what is wrong (working day, holidays,
 * delegates' calendars); the page only words it, naming the government and its local time.
 */
export function describeWarning(w: Warning, invitees: Invitee[], lang: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  const code = String(w.code ?? '');
  if (!TRANSLATED.has(code)) return String(w.message ?? code);
  const invitee = invitees.find((i) => i.governmentId === w.governmentId);
  const government = invitee ? (lang === 'fr' ? invitee.nameFr : invitee.nameEn) : t('meetings.warnings.aGovernment');
  // the invitees table's formatter: a warning and the table never show one meeting at two different local times
  const local = invitee
    ? `${formatLocalTime(invitee.localStartsAt, lang)} – ${formatLocalTime(invitee.localEndsAt, lang, lang === 'fr' ? invitee.zoneAbbreviationFr : invitee.zoneAbbreviation, 'time')}`
    : '';
  const zone = invitee?.timeZone ?? '';
  // the API's English sentence carries the particulars (the holiday, the other meeting): lift them out
  const message = String(w.message ?? '');
  const holiday = /statutory holiday \((.+)\) for/.exec(message)?.[1] ?? '';
  const delegate = /^(.+?) is already booked/.exec(message)?.[1] ?? '';
  const other = /booked in "(.+)" \(/.exec(message)?.[1] ?? '';
  return t(`meetings.warnings.${code}`, { government, local, zone, holiday, delegate, other, message });
}

/** Warnings about the time itself (not about the agenda): these are what the secretariat must settle before inviting. */
export const timeWarnings = (warnings: Warning[] | undefined): Warning[] => (warnings ?? []).filter((w) => w.code !== 'agenda_overrun');
