/**
 * What a person types, split for Postgres: everything but the word being typed goes to
 * `websearch_to_tsquery` (quotes for phrases, minus to exclude, every word required); the last word, while it is
 * still being typed (no trailing space, not quoted, not excluded), also matches as a prefix.
 */
export interface ParsedSearch {
  /** for websearch_to_tsquery; '' when there is nothing but the prefix */
  head: string;
  /** letters and digits only, or null */
  prefix: string | null;
}

const WORD = /^[\p{L}\p{N}][\p{L}\p{N}'’-]*$/u;

export function parseSearch(q: string): ParsedSearch {
  const text = q.normalize('NFC').replace(/\s+/g, ' ');
  if (!text.trim()) return { head: '', prefix: null };
  if (/\s$/.test(text) || (text.match(/"/g) ?? []).length % 2 === 1) return { head: text.trim(), prefix: null };
  const cut = text.lastIndexOf(' ');
  const last = text.slice(cut + 1);
  if (!WORD.test(last) || /^or$/i.test(last)) return { head: text.trim(), prefix: null };
  // the prefix is the last run of letters and digits: "aujourd’hui" types as "aujourd", "hui"
  const pieces = last.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const prefix = pieces.pop() ?? null;
  const head = [text.slice(0, cut + 1).trim(), ...pieces].filter(Boolean).join(' ');
  return { head, prefix };
}

export const MARK_START = '\u27e6';
export const MARK_END = '\u27e7';

/**
 * SQL that HTML-escapes a text before Postgres cuts its headline: `ts_headline` drops what looks like markup, so
 * the text is escaped first and the headline holds only entities, words and the ⟦ ⟧ marks around the hits.
 */
export const escapedHtmlSql = (column: string): string =>
  `replace(replace(replace(replace(replace(${column}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')`;

/** A headline of escaped text, its marks turned into <mark> (any angle bracket left is escaped, to be sure). */
export function snippetHtml(headline: string | null): string {
  if (!headline) return '';
  return headline.replace(/</g, '&lt;').replace(/>/g, '&gt;').replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

/**
 * The text-search configurations the migrations create: Postgres' English and French stemming after
 * `unaccent`, so « capacite » finds « capacité » and « hébergements » finds « hébergement ».
 */
export const SEARCH_CONFIGS = { en: 'forum_en', fr: 'forum_fr' } as const;

/**
 * The tsquery of a parsed search in one configuration, as SQL over two parameters (the head and the prefix):
 * every word of the head required, the prefix matched as the start of a word.
 */
export function tsquerySql(lang: 'en' | 'fr', head: string, prefix: string): string {
  const cfg = `'${SEARCH_CONFIGS[lang]}'::regconfig`;
  const h = `CAST(${head} AS text)`;
  const p = `CAST(${prefix} AS text)`;
  return `(CASE WHEN ${p} IS NULL THEN websearch_to_tsquery(${cfg}, ${h})
      WHEN ${h} = '' THEN to_tsquery(${cfg}, ${p} || ':*')
      ELSE websearch_to_tsquery(${cfg}, ${h}) && to_tsquery(${cfg}, ${p} || ':*') END)`;
}

/** The indexed vector of some text columns in one language: the expression the GIN indexes are built on. */
export function tsvectorSql(lang: 'en' | 'fr', ...columns: string[]): string {
  return `to_tsvector('${SEARCH_CONFIGS[lang]}'::regconfig, ${columns.map((c) => `coalesce(${c}, '')`).join(` || ' ' || `)})`;
}

/** ts_headline options: hits marked with ⟦ ⟧ (turned into <mark> after escaping), a couple of short fragments. */
export const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
