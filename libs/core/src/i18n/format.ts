import { DateTime } from 'luxon';
import type { Locale } from '@forum/contracts';
import type { BilingualText } from '../bilingual/bilingual-text';

/**
 * The one place generated text is formatted for a reader: times in their zone with its abbreviation,
 * content in their language (else the other, marked), French typography. Notifications, emails and
 * calendar descriptions all go through it.
 */

export const NBSP = '\u00a0';
/** espace fine insécable, before ; ? ! */
export const NNBSP = '\u202f';

export const DEFAULT_ZONE = 'America/Toronto';

/** A reader's zone: their own, else their government's, else Ottawa's. */
export const zoneOf = (own: string | null | undefined, government: string | null | undefined): string =>
  [own, government].find((z) => !!z && DateTime.local().setZone(z!).isValid) ?? DEFAULT_ZONE;

/** Canadian abbreviations, fixed here rather than left to the ICU data of the runtime. */
const ABBREVIATIONS: Record<string, { en: [string, string]; fr: [string, string] }> = {
  'America/St_Johns': { en: ['NST', 'NDT'], fr: ['HNT', 'HAT'] },
  'America/Halifax': { en: ['AST', 'ADT'], fr: ['HNA', 'HAA'] },
  'America/Moncton': { en: ['AST', 'ADT'], fr: ['HNA', 'HAA'] },
  'America/Glace_Bay': { en: ['AST', 'ADT'], fr: ['HNA', 'HAA'] },
  'America/Toronto': { en: ['EST', 'EDT'], fr: ['HNE', 'HAE'] },
  'America/Iqaluit': { en: ['EST', 'EDT'], fr: ['HNE', 'HAE'] },
  'America/Winnipeg': { en: ['CST', 'CDT'], fr: ['HNC', 'HAC'] },
  'America/Rankin_Inlet': { en: ['CST', 'CDT'], fr: ['HNC', 'HAC'] },
  'America/Regina': { en: ['CST', 'CST'], fr: ['HNC', 'HNC'] },
  'America/Swift_Current': { en: ['CST', 'CST'], fr: ['HNC', 'HNC'] },
  'America/Edmonton': { en: ['MST', 'MDT'], fr: ['HNR', 'HAR'] },
  'America/Yellowknife': { en: ['MST', 'MDT'], fr: ['HNR', 'HAR'] },
  'America/Cambridge_Bay': { en: ['MST', 'MDT'], fr: ['HNR', 'HAR'] },
  'America/Whitehorse': { en: ['MST', 'MST'], fr: ['HNR', 'HNR'] },
  'America/Dawson_Creek': { en: ['MST', 'MST'], fr: ['HNR', 'HNR'] },
  'America/Vancouver': { en: ['PST', 'PDT'], fr: ['HNP', 'HAP'] },
};

export function zoneAbbreviation(at: Date, zone: string, locale: Locale): string {
  const local = DateTime.fromJSDate(at, { zone });
  const known = ABBREVIATIONS[zone];
  if (known) return known[locale][local.isInDST ? 1 : 0];
  return local.setLocale(locale === 'fr' ? 'fr-CA' : 'en-CA').toFormat('ZZZZ');
}

/** « 13 h 30 », « 9 h » in French; "1:30 p.m." in English. */
export function formatClock(at: Date, zone: string, locale: Locale): string {
  const local = DateTime.fromJSDate(at, { zone });
  if (locale === 'fr') return `${local.hour}${NBSP}h${local.minute ? `${NBSP}${String(local.minute).padStart(2, '0')}` : ''}`;
  const hour = local.hour % 12 || 12;
  return `${hour}:${String(local.minute).padStart(2, '0')}${NBSP}${local.hour < 12 ? 'a.m.' : 'p.m.'}`;
}

/** "Tuesday, March 10, 2026" / « mardi 10 mars 2026 » in the reader's zone. */
export function formatDate(at: Date, zone: string, locale: Locale): string {
  const local = DateTime.fromJSDate(at, { zone }).setLocale(locale === 'fr' ? 'fr-CA' : 'en-CA');
  return locale === 'fr' ? local.toFormat('cccc d LLLL yyyy') : local.toFormat('cccc, LLLL d, yyyy');
}

/** "Tuesday, March 10, 2026 at 1:30 p.m. NDT" / « mardi 10 mars 2026 à 13 h 30 HAT » */
export function formatDateTime(at: Date, zone: string, locale: Locale): string {
  const abbreviation = zoneAbbreviation(at, zone, locale);
  return `${formatDate(at, zone, locale)} ${locale === 'fr' ? 'à' : 'at'} ${formatClock(at, zone, locale)}${NBSP}${abbreviation}`;
}

/** A calendar date (no time), e.g. a due date: "September 30, 2018" / « 30 septembre 2018 ». */
export function formatDay(isoDate: string, locale: Locale): string {
  const day = DateTime.fromISO(isoDate, { zone: 'UTC' }).setLocale(locale === 'fr' ? 'fr-CA' : 'en-CA');
  if (!day.isValid) return isoDate;
  return locale === 'fr' ? day.toFormat('d LLLL yyyy') : day.toFormat('LLLL d, yyyy');
}

/**
 * A time inside generated text that must be read in each recipient's zone: the text is written once,
 * the token is replaced per recipient by `renderForReader`.
 */
export const timeToken = (at: Date): string => `⟦t:${at.toISOString()}⟧`;
const TIME_TOKEN = /⟦t:([^⟧]+)⟧/g;

/** Replaces every time token by the time in the reader's zone and language. */
export function renderTimes(text: string, locale: Locale, zone: string): string {
  return text.replace(TIME_TOKEN, (_, iso: string) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : formatDateTime(at, zone, locale);
  });
}

/** The mark beside content shown in the other language. */
export const onlyInMark = (shown: Locale, reader: Locale): string => (shown === reader ? '' : reader === 'fr' ? ' (en anglais seulement)' : ' (French only)');

/** A bilingual text for a reader: theirs, else the other one marked « (en anglais seulement) » / "(French only)". */
export function contentFor(text: BilingualText | null | undefined, reader: Locale, fallback = ''): string {
  const own = text?.[reader];
  if (own) return own;
  const otherLang: Locale = reader === 'fr' ? 'en' : 'fr';
  const other = text?.[otherLang];
  return other ? `${other}${onlyInMark(otherLang, reader)}` : fallback;
}

/**
 * French typography: « » quotes with no-break spaces inside, a no-break space before the colon and a narrow
 * one before ; ? ! — without touching times (12:30), URLs (https://) or ratios.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/"([^"\n]*)"/g, (_, inner: string) => `«${NBSP}${inner.trim()}${NBSP}»`)
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`)
    .replace(/([^\s\d:/])[ \u00a0\u202f]*:(?=\s|$)/g, `$1${NBSP}:`)
    .replace(/([^\s;?!])[ \u00a0\u202f]*([;?!])(?=\s|$|["»)])/g, `$1${NNBSP}$2`);
}

/** Applied to any text a French reader will see; English text is left as it is. */
export const typographyFor = (locale: Locale, text: string): string => (locale === 'fr' ? frenchTypography(text) : text);

/** Capitalizes the first letter: « le gouvernement du Québec » opens a sentence as « Le gouvernement du Québec ». */
export const capitalize = (s: string): string => (s ? s[0].toLocaleUpperCase('fr-CA') + s.slice(1) : s);

/**
 * A government's French name with its article, for generated sentences. Taken from the stored form when there
 * is one; else derived: « Gouvernement du Québec » → « le gouvernement du Québec », « Ville de Montréal » →
 * « la Ville de Montréal ».
 */
export function frenchNameWithArticle(g: { nameFr: string; nameFrWithArticle?: string | null }): string {
  if (g.nameFrWithArticle) return g.nameFrWithArticle;
  const name = g.nameFr.trim();
  if (/^gouvernement\b/i.test(name)) return `le ${name[0].toLowerCase()}${name.slice(1)}`;
  const feminine = /^(ville|municipalité|fédération|cité|région|province|association|nation|première nation|communauté)(?=[\s,]|$)/i;
  if (feminine.test(name)) return `la ${name}`;
  if (/^[aeiouyéèêàâîïôûh]/i.test(name)) return `l’${name}`;
  return `le ${name}`;
}
