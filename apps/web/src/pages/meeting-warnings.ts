import type { Invitee, Warning } from '../api/types';

export type { Invitee };

const TRANSLATED = new Set(['outside_working_hours', 'non_working_day', 'statutory_holiday', 'delegate_double_booked', 'agenda_overrun']);

/** "2031-03-11T05:00:00-07:00" → "2031-03-11 05:00": the wall-clock time there, as the API computed it. */
const wallClock = (local: string) => `${local.slice(0, 10)} ${local.slice(11, 16)}`;

/**
 * The API's warnings in the reader's language. The API decides what is wrong (working day, holidays,
 * delegates' calendars); the page only words it, naming the government and its local time.
 */
export function describeWarning(w: Warning, invitees: Invitee[], lang: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  const code = String(w.code ?? '');
  if (!TRANSLATED.has(code)) return String(w.message ?? code);
  const invitee = invitees.find((i) => i.governmentId === w.governmentId);
  const government = invitee ? (lang === 'fr' ? invitee.nameFr : invitee.nameEn) : t('meetings.warnings.aGovernment');
  const local = invitee ? `${wallClock(invitee.localStartsAt)}–${invitee.localEndsAt.slice(11, 16)}` : '';
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
