import type { Locale } from '@forum/contracts';

/** The user's own zone, named next to every time shown. */
export const userTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const intlLocale = (lang: Locale | string) => (lang === 'fr' ? 'fr-CA' : 'en-CA');

export function formatDateTime(iso: string | null | undefined, lang: Locale | string, timeZone = userTimeZone()): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(intlLocale(lang), {
    // dateStyle/timeStyle cannot be combined with timeZoneName, so the parts are spelled out
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
  return `${text} (${timeZone})`;
}

/**
 * A local time the API computed (ISO with its offset, e.g. 2027-01-13T10:00:00-08:00) shown as that wall-clock
 * time, never recomputed with the browser's zone data, with the zone abbreviation the API gave.
 */
export function formatLocalTime(localIso: string, lang: Locale | string, abbreviation?: string, part: 'dateTime' | 'time' = 'dateTime'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(localIso);
  if (!match) return localIso;
  const [, y, mo, d, h, mi] = match.map(Number);
  const date = part === 'dateTime' ? ({ year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' } as const) : {};
  const text = new Intl.DateTimeFormat(intlLocale(lang), { ...date, hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, mo - 1, d, h, mi)),
  );
  return abbreviation ? `${text} ${abbreviation}` : text;
}

/** Calendar dates (due dates) have no time: shown as written, never shifted by a zone. */
export function formatDate(day: string | null | undefined, lang: Locale | string): string {
  if (!day) return '—';
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatMoney(cents: number | null | undefined, lang: Locale | string): string {
  if (cents === null || cents === undefined) return '—';
  return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency: 'CAD' }).format(cents / 100);
}

/** What someone typed as dollars ("1 234,50", "$12.5") → cents, exactly (no floating point); null when it is not an amount. */
export function dollarsToCents(text: string): number | null {
  const m = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0$]/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Cents as an amount to edit in a field ("1234.50"), the way dollarsToCents reads it back. */
export const centsToDollarsInput = (cents: number | null | undefined): string =>
  cents === null || cents === undefined ? '' : `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** datetime-local input value (in the user's zone) → ISO with offset, and back. */
export function localInputToIso(value: string): string {
  return new Date(value).toISOString();
}
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Days from today (in the user's zone) to a calendar date: negative when past. */
export function daysUntil(day: string, today = new Date()): number {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  const due = Date.UTC(y, m - 1, d);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((due - now) / 86400000);
}
