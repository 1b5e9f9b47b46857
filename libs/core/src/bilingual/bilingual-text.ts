import { Column } from 'typeorm';
import type { BilingualFields, Locale, TranslationState } from '@forum/contracts';

/**
 * The one way a bilingual text is stored: an embedded pair, `@Column(() => BilingualText) title` gives the
 * columns `title_en` and `title_fr`. The record keeps one `source_lang` column beside its pairs.
 */
export class BilingualText {
  @Column({ type: 'text', nullable: true })
  en: string | null;

  @Column({ type: 'text', nullable: true })
  fr: string | null;
}

export const otherLocale = (locale: Locale): Locale => (locale === 'en' ? 'fr' : 'en');

export const bilingual = (en: string | null | undefined, fr: string | null | undefined): BilingualText =>
  Object.assign(new BilingualText(), { en: en ?? null, fr: fr ?? null });

export const isBlankText = (text: BilingualText | null | undefined): boolean => !text || (text.en == null && text.fr == null);

/** A pair is complete when it holds both sides, or none (an optional field left empty awaits nothing). */
export const isCompleteText = (text: BilingualText | null | undefined): boolean => isBlankText(text) || (text!.en != null && text!.fr != null);

/** The texts of a record as the wire carries them: `x`, `xEn`, `xFr` in the reader's language. */
export function bilingualView<K extends string>(field: K, text: BilingualText | null | undefined, reader: Locale): BilingualFields<K> {
  const en = text?.en ?? null;
  const fr = text?.fr ?? null;
  const inReaderLanguage = reader === 'fr' ? (fr ?? en) : (en ?? fr);
  return { [field]: inReaderLanguage, [`${field}En`]: en, [`${field}Fr`]: fr } as BilingualFields<K>;
}

/** The record's translation state: pending while any of its texts has one side only. */
export function translationState(sourceLang: Locale, ...texts: Array<BilingualText | null | undefined>): TranslationState {
  return { status: texts.every(isCompleteText) ? 'complete' : 'pending', sourceLang };
}

/** The fields (by name) of a record that await their translation, for the parity gate and the queue. */
export function pendingFields(texts: Record<string, BilingualText | null | undefined>): string[] {
  return Object.entries(texts)
    .filter(([, text]) => !isCompleteText(text))
    .map(([field]) => field);
}

/**
 * Every bilingual text of a record as the wire carries it, and once its translation state:
 * `bilingualRecordView('fr', m.sourceLang, { title: m.title })` → `{ title, titleEn, titleFr, translation }`.
 */
export function bilingualRecordView<K extends string>(
  reader: Locale,
  sourceLang: Locale,
  texts: Record<K, BilingualText | null | undefined>,
): BilingualFields<K> & { translation: TranslationState } {
  const out: Record<string, unknown> = {};
  for (const [field, text] of Object.entries(texts) as [K, BilingualText | null | undefined][]) Object.assign(out, bilingualView(field, text, reader));
  out.translation = translationState(sourceLang, ...(Object.values(texts) as (BilingualText | null | undefined)[]));
  return out as BilingualFields<K> & { translation: TranslationState };
}

/** One language of a text for a reader: theirs when it exists, else the other (`missing` says which was used). */
export function textFor(text: BilingualText | null | undefined, reader: Locale): { text: string | null; lang: Locale | null; missing: boolean } {
  const own = text?.[reader] ?? null;
  if (own != null) return { text: own, lang: reader, missing: false };
  const other = text?.[otherLocale(reader)] ?? null;
  return other != null ? { text: other, lang: otherLocale(reader), missing: true } : { text: null, lang: null, missing: false };
}
