import type { Locale, SearchType } from '@forum/contracts';
import { escapedHtmlSql, HEADLINE_OPTIONS, parseSearch, SEARCH_CONFIGS, tsquerySql } from '@forum/core';
import { rankVectorOf, SEARCH_SOURCES, type SearchSource, vectorOf } from './search-sources';

export interface SearchAccess {
  /** the bodies the caller's government sits on; null for the secretariat (everything) */
  scope: string[] | null;
  governmentId: string | null;
  secretariat: boolean;
}

export interface SearchRequest {
  q: string;
  types: SearchType[] | null;
  bodyId: string | null;
  reader: Locale;
  limit: number;
  offset: number;
}

export interface SearchRow {
  type: SearchType;
  id: string;
  body_id: string | null;
  meeting_id: string | null;
  title: string | null;
  headline: string | null;
  score: number;
  at: Date | null;
  total: string;
}

const Q = { en: tsquerySql('en', ':head', ':prefix'), fr: tsquerySql('fr', ':head', ':prefix') };

/** one source's hits, narrow (no texts: a broad query has thousands, and only the page's are read) */
function branch(source: SearchSource, index: number): string {
  const en = vectorOf(source, 'en');
  const fr = vectorOf(source, 'fr');
  const hitEn = en ? `(${en} @@ ${Q.en})` : 'false';
  const hitFr = fr ? `(${fr} @@ ${Q.fr})` : 'false';
  const rankEn = rankVectorOf(source, 'en');
  const rankFr = rankVectorOf(source, 'fr');
  // an empty vector ranks 0: said without ts_rank_cd, which costs as much on it as on a text (a prefix query)
  const rankOf = (vector: string | null, query: string) => (vector ? `(CASE WHEN length(${vector}) = 0 THEN 0 ELSE ts_rank_cd(${vector}, ${query}) END)` : '0');
  const rank = `${rankOf(rankEn, Q.en)} + ${rankOf(rankFr, Q.fr)}`;
  return `SELECT ${index} AS source, '${source.type}'::text AS type, ${source.id} AS id, ${source.bodyId} AS body_id, ${source.meetingId} AS meeting_id,
      ${source.at} AS at, ${hitEn} AS hit_en, ${hitFr} AS hit_fr, (${rank}) AS rank
    FROM ${source.from}
   WHERE (${hitEn} OR ${hitFr}) AND (${source.visible})
     AND (:bodyId::uuid IS NULL OR ${source.bodyId} = :bodyId::uuid)`;
}

/** the title and text of one hit of the page, read again by its id (the source's id is unique in its rows) */
function texts(source: SearchSource, index: number): string {
  return `SELECT ${source.titleEn} AS title_en, ${source.titleFr} AS title_fr, ${source.textEn} AS text_en, ${source.textFr} AS text_fr
      FROM ${source.from} WHERE page.source = ${index} AND ${source.id} = page.id`;
}

/**
 * The forum's search as one SQL query (`:name` parameters): every source's hits, found through its GIN indexes,
 * only what the caller may read, ranked (title above text, recent above old) from the stored vectors, counted,
 * and the titles, texts and highlighted snippets of the page shown only.
 */
export function searchSql(types: SearchType[] | null): string {
  const sources = SEARCH_SOURCES.filter((s) => !types || types.includes(s.type));
  const union = sources.map(branch).join('\n  UNION ALL\n  ');
  // a year-old hit weighs half a new one
  return `WITH hits AS (
  ${union}
), page AS (
  SELECT *, rank / (1 + greatest(0, extract(epoch FROM now() - coalesce(at, now()))) / 31557600) AS score, count(*) OVER () AS total
  FROM hits ORDER BY score DESC, at DESC NULLS LAST, id LIMIT :limit OFFSET :offset
)
SELECT type, id, body_id, meeting_id, score, at, total,
     CASE WHEN :reader = 'fr' THEN coalesce(title_fr, title_en) ELSE coalesce(title_en, title_fr) END AS title,
     CASE WHEN (hit_fr AND (:reader = 'fr' OR NOT hit_en)) THEN ts_headline('${SEARCH_CONFIGS.fr}'::regconfig, ${escapedHtmlSql(`coalesce(text_fr, title_fr, '')`)}, ${Q.fr}, '${HEADLINE_OPTIONS}')
          ELSE ts_headline('${SEARCH_CONFIGS.en}'::regconfig, ${escapedHtmlSql(`coalesce(text_en, title_en, '')`)}, ${Q.en}, '${HEADLINE_OPTIONS}') END AS headline
  FROM page LEFT JOIN LATERAL (
    ${sources.map(texts).join('\n    UNION ALL\n    ')}
  ) AS hit ON true
 ORDER BY score DESC, at DESC NULLS LAST, id`;
}

/** `:name` placeholders to `$n`, each name bound once */
export function positional(sql: string, named: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const text = sql.replace(/(?<!:):([a-zA-Z]+)\b/g, (match, name: string) => {
    if (!(name in named)) return match;
    let index = order.indexOf(name);
    if (index < 0) index = order.push(name) - 1;
    return `$${index + 1}`;
  });
  return [text, order.map((n) => named[n])];
}

/** The search as SQL text and its values, ready for `pg` or TypeORM. */
export function searchQuery(request: SearchRequest, access: SearchAccess): [string, unknown[]] {
  const { head, prefix } = parseSearch(request.q);
  return positional(searchSql(request.types), {
    head,
    prefix,
    scope: access.scope,
    gov: access.governmentId,
    secretariat: access.secretariat,
    bodyId: request.bodyId,
    reader: request.reader,
    limit: request.limit,
    offset: request.offset,
  });
}
