import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Type } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { BilingualInput, Locale } from '@forum/contracts';
import { invalid } from '../errors/domain-error';
import { BilingualText, bilingual, otherLocale } from './bilingual-text';

/**
 * The one DTO shape of a bilingual field `x`: optional `x`, `xEn`, `xFr`, each a string of at most `maxLength`.
 * Compose with `IntersectionType(BilingualDto('title', 300), OtherFields)`; read it with `readBilingual`.
 */
export function BilingualDto<K extends string>(field: K, maxLength: number, what = field): Type<BilingualInput<K>> {
  class BilingualFieldDto {}
  const describe: Record<string, string> = {
    [field]: `${what} in the author's language (their locale), when ${field}En/${field}Fr are not given`,
    [`${field}En`]: `${what} in English`,
    [`${field}Fr`]: `${what} in French`,
  };
  for (const key of Object.keys(describe)) {
    IsOptional()(BilingualFieldDto.prototype, key);
    IsString()(BilingualFieldDto.prototype, key);
    MaxLength(maxLength)(BilingualFieldDto.prototype, key);
    ApiPropertyOptional({ type: String, maxLength, description: describe[key] })(BilingualFieldDto.prototype, key);
  }
  Object.defineProperty(BilingualFieldDto, 'name', { value: `Bilingual_${field}` });
  return BilingualFieldDto as Type<BilingualInput<K>>;
}

const clean = (value: string | null | undefined): string | null | undefined => {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed.length ? trimmed : null;
};

export interface BilingualRead {
  text: BilingualText;
  /** the language the author wrote in: the only side given, or the author's locale when both were */
  sourceLang: Locale;
  /** which sides the request named (a side sent blank clears it; a side not sent is left as it is) */
  sent?: { en: boolean; fr: boolean };
}

/**
 * Reads `x`/`xEn`/`xFr` from a request: `x` alone is the author's language. Returns undefined when none was
 * sent; `required` makes that (or only blanks) a 400 naming the field.
 */
export function readBilingual<K extends string>(
  dto: BilingualInput<K>,
  field: K,
  author: Locale,
  options: { required?: boolean } = {},
): BilingualRead | undefined {
  const input = dto as Record<string, string | undefined>;
  let en = clean(input[`${field}En`]);
  let fr = clean(input[`${field}Fr`]);
  const plain = clean(input[field]);
  if (plain !== undefined) {
    if ((author === 'en' ? en : fr) !== undefined)
      throw invalid([`${field} and ${field}${author === 'en' ? 'En' : 'Fr'} both give the ${author === 'en' ? 'English' : 'French'} text; send one`]);
    if (author === 'en') en = plain;
    else fr = plain;
    // `x` alone sent blank (or null) clears the text, both sides
    if (plain === null && (author === 'en' ? fr : en) === undefined) {
      en = null;
      fr = null;
    }
  }
  if (en === undefined && fr === undefined) {
    if (options.required) throw invalid([`${field} (or ${field}En / ${field}Fr) must be given`]);
    return undefined;
  }
  if (options.required && !en && !fr) throw invalid([`${field} must not be empty`]);
  const sourceLang: Locale = en && !fr ? 'en' : fr && !en ? 'fr' : author;
  return { text: bilingual(en, fr), sourceLang, sent: { en: en !== undefined, fr: fr !== undefined } };
}

/**
 * An edit of a stored pair. Both sides sent: the pair is replaced. One side sent: when it fills in the side
 * that awaited translation, the pair is complete; when it rewrites the source, the other side no longer says
 * the same thing, so it is cleared and awaits translation again.
 */
export function mergeBilingual(current: BilingualText, edit: BilingualRead, currentSource: Locale): BilingualRead {
  const { en, fr } = edit.text;
  const sent = edit.sent ?? { en: en != null, fr: fr != null };
  if (en != null && fr != null) return edit;
  // both sides named, blank: an optional text cleared, nothing left to translate
  if (sent.en && sent.fr) return { text: bilingual(en, fr), sourceLang: en != null ? 'en' : fr != null ? 'fr' : currentSource };
  const side: Locale = sent.en ? 'en' : 'fr';
  if ((side === 'en' ? en : fr) == null) {
    // one side cleared: the other stays, and is now the source
    const kept = current[otherLocale(side)] ?? null;
    return { text: side === 'en' ? bilingual(null, kept) : bilingual(kept, null), sourceLang: kept != null ? otherLocale(side) : currentSource };
  }
  const value = side === 'en' ? en : fr;
  const other = otherLocale(side);
  const next = new BilingualText();
  next.en = null;
  next.fr = null;
  if (current[other] != null && current[side] == null) {
    // a translation arriving for the side that was pending
    next[side] = value;
    next[other] = current[other];
    return { text: next, sourceLang: currentSource };
  }
  if (current[side] === value) {
    next.en = current.en;
    next.fr = current.fr;
    return { text: next, sourceLang: currentSource };
  }
  next[side] = value;
  next[other] = null;
  return { text: next, sourceLang: side };
}

/** A record holding bilingual texts and the one language they were first written in. */
export type BilingualRecord = { sourceLang: Locale };

/**
 * Writes the bilingual fields a request sent onto a record (a new one or a stored one) and keeps its
 * `sourceLang`: a new record takes the language its texts were written in; an edit merges each pair
 * (`mergeBilingual`). `required` fields must be given on create. Returns the names of the fields sent.
 */
export function writeBilingual<R extends BilingualRecord>(
  record: R,
  dto: object,
  fields: readonly (keyof R & string)[],
  author: Locale,
  options: { create?: boolean; required?: readonly string[] } = {},
): string[] {
  const sent: string[] = [];
  const target = record as unknown as Record<string, BilingualText | undefined>;
  let source: Locale | undefined;
  for (const field of fields) {
    const read = readBilingual(dto as BilingualInput<string>, field, author, { required: options.create && options.required?.includes(field) });
    if (!read) {
      if (options.create || !target[field]) target[field] = bilingual(null, null);
      continue;
    }
    sent.push(field);
    if (options.create) {
      target[field] = read.text;
      source ??= read.text.en != null || read.text.fr != null ? read.sourceLang : undefined;
    } else {
      const merged = mergeBilingual(target[field] ?? bilingual(null, null), read, record.sourceLang ?? author);
      target[field] = merged.text;
      if (merged.sourceLang !== record.sourceLang) source = merged.sourceLang;
    }
  }
  if (options.create) record.sourceLang = source ?? author;
  else if (source) record.sourceLang = source;
  return sent;
}
