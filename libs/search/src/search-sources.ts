import type { SearchType } from '@forum/contracts';
import { pendingCorrectionSql } from '@forum/communiques';
import { tsvectorSql } from '@forum/core';

/**
 * What is searched, per type, as the SQL the one search query unions. Each source names its texts in English
 * and French (each searched in its own language), and its visibility as a condition over the caller's parameters:
 * `:scope` (the bodies the caller's government sits on, null for the secretariat), `:gov`, `:secretariat`.
 * A source whose texts are all on one table's row (`stored`, the row's alias) reads that row's stored vectors (the
 * SearchVectors migration keeps `search_<lang>` = `tsvectorSql(lang, ...vectorColumns)`, GIN-indexed, and
 * `search_rank_<lang>` = the weighted vector it is ranked by); any other computes them from its texts.
 */
export interface SearchSource {
  type: SearchType;
  from: string;
  id: string;
  bodyId: string;
  meetingId: string;
  /** shown as the hit's title */
  titleEn: string;
  titleFr: string;
  /** the vector's columns, title first, in each language */
  vectorEn: string[];
  vectorFr: string[];
  /** the alias of the row that stores the vectors of exactly these columns (search_en, search_rank_en, …) */
  stored?: string;
  /** the text a snippet is cut from */
  textEn: string;
  textFr: string;
  at: string;
  visible: string;
}

const inScope = (bodyColumn: string) => `(:scope::uuid[] IS NULL OR ${bodyColumn} = ANY(:scope::uuid[]))`;
/** a meeting is the secretariat's while it is a draft (members get 404, so they find nothing of it either) */
const meetingVisible = (m: string) => `${inScope(`${m}.body_id`)} AND (:secretariat OR ${m}.status <> 'draft')`;

export const SEARCH_SOURCES: SearchSource[] = [
  {
    type: 'body',
    stored: 'b',
    from: 'body b',
    id: 'b.id',
    bodyId: 'b.id',
    meetingId: 'NULL::uuid',
    titleEn: 'b.name_en',
    titleFr: 'b.name_fr',
    vectorEn: ['b.name_en', 'b.mandate_en'],
    vectorFr: ['b.name_fr', 'b.mandate_fr'],
    textEn: 'b.mandate_en',
    textFr: 'b.mandate_fr',
    at: 'b.updated_at',
    // the directory is open to every signed-in user
    visible: 'true',
  },
  {
    type: 'meeting',
    stored: 'm',
    from: 'meeting m',
    id: 'm.id',
    bodyId: 'm.body_id',
    meetingId: 'm.id',
    titleEn: 'm.title_en',
    titleFr: 'm.title_fr',
    vectorEn: ['m.title_en', 'm.location'],
    vectorFr: ['m.title_fr'],
    textEn: 'm.location',
    textFr: 'm.location',
    at: 'm.starts_at',
    visible: meetingVisible('m'),
  },
  {
    type: 'agenda_item',
    stored: 'a',
    from: 'agenda_item a JOIN meeting m ON m.id = a.meeting_id',
    id: 'a.id',
    bodyId: 'm.body_id',
    meetingId: 'm.id',
    titleEn: 'a.title_en',
    titleFr: 'a.title_fr',
    vectorEn: ['a.title_en'],
    vectorFr: ['a.title_fr'],
    textEn: 'a.title_en',
    textFr: 'a.title_fr',
    at: 'm.starts_at',
    // members read an agenda once it is published
    visible: `${meetingVisible('m')} AND (:secretariat OR m.agenda_published_at IS NOT NULL)`,
  },
  {
    type: 'decision',
    stored: 'd',
    from: 'meeting_decision d JOIN meeting m ON m.id = d.meeting_id',
    id: 'd.id',
    bodyId: 'm.body_id',
    meetingId: 'm.id',
    titleEn: `coalesce(m.title_en, m.title_fr) || ' — ' || d.number`,
    titleFr: `coalesce(m.title_fr, m.title_en) || ' — ' || d.number`,
    vectorEn: ['d.text_en'],
    vectorFr: ['d.text_fr'],
    textEn: 'd.text_en',
    textFr: 'd.text_fr',
    at: 'd.created_at',
    visible: meetingVisible('m'),
  },
  {
    type: 'minutes',
    stored: 'mm',
    from: 'meeting_minutes mm JOIN meeting m ON m.id = mm.meeting_id',
    id: 'm.id',
    bodyId: 'm.body_id',
    meetingId: 'm.id',
    titleEn: 'm.title_en',
    titleFr: 'm.title_fr',
    vectorEn: ['mm.text_en'],
    vectorFr: ['mm.text_fr'],
    textEn: 'mm.text_en',
    textFr: 'mm.text_fr',
    at: 'mm.updated_at',
    // a draft is the secretariat's until it is circulated
    visible: `${meetingVisible('m')} AND (:secretariat OR mm.status <> 'draft')`,
  },
  {
    type: 'action_item',
    stored: 'i',
    from: 'action_item i',
    id: 'i.id',
    bodyId: 'i.body_id',
    meetingId: 'i.meeting_id',
    titleEn: 'i.title_en',
    titleFr: 'i.title_fr',
    vectorEn: ['i.title_en', 'i.description_en'],
    vectorFr: ['i.title_fr', 'i.description_fr'],
    textEn: 'i.description_en',
    textFr: 'i.description_fr',
    at: 'i.updated_at',
    visible: inScope('i.body_id'),
  },
  {
    type: 'communique',
    stored: 'c',
    from: 'communique c',
    id: 'c.id',
    bodyId: 'c.body_id',
    meetingId: 'c.meeting_id',
    titleEn: 'c.title_en',
    titleFr: 'c.title_fr',
    vectorEn: ['c.title_en', 'c.body_en'],
    vectorFr: ['c.title_fr', 'c.body_fr'],
    textEn: 'c.body_en',
    textFr: 'c.body_fr',
    at: 'coalesce(c.published_at, c.updated_at)',
    // the working text: drafts and proposed corrections for those who may see drafts (the body's members), and a
    // published one's for everyone only while no correction is pending (its columns then hold the proposal)
    visible: `(${inScope('c.body_id')} OR (c.status IN ('published', 'withdrawn') AND NOT ${pendingCorrectionSql('c')}))`,
  },
  {
    // a published communiqué under a pending correction, for those who may not see drafts: the published
    // revision's title and text only, as the public pages show it
    type: 'communique',
    from: 'communique c JOIN communique_revision cr ON cr.communique_id = c.id AND cr.number = c.published_revision',
    id: 'c.id',
    bodyId: 'c.body_id',
    meetingId: 'c.meeting_id',
    titleEn: 'cr.title_en',
    titleFr: 'cr.title_fr',
    vectorEn: ['cr.title_en', 'cr.body_en'],
    vectorFr: ['cr.title_fr', 'cr.body_fr'],
    textEn: 'cr.body_en',
    textFr: 'cr.body_fr',
    at: 'coalesce(c.published_at, c.updated_at)',
    visible: `${pendingCorrectionSql('c')} AND NOT ${inScope('c.body_id')}`,
  },
  {
    type: 'document',
    stored: 'doc',
    from: 'document doc',
    id: 'doc.id',
    bodyId: 'doc.body_id',
    meetingId: 'doc.meeting_id',
    titleEn: 'doc.title_en',
    titleFr: 'doc.title_fr',
    // the words read from the file (worker) are searched in both languages: a paper may hold either or both
    vectorEn: ['doc.title_en', 'doc.content_text'],
    vectorFr: ['doc.title_fr', 'doc.content_text'],
    textEn: 'doc.content_text',
    textFr: 'doc.content_text',
    at: 'doc.updated_at',
    // a restricted document is only for its governments (and the secretariat)
    visible: `${inScope('doc.body_id')} AND (:secretariat OR doc.access = 'members' OR CAST(:gov AS uuid) = ANY(doc.government_ids))`,
  },
];

/** the vector a source is matched on in one language (null when it has no text in that language) */
export const vectorOf = (source: SearchSource, lang: 'en' | 'fr'): string | null => {
  const columns = lang === 'en' ? source.vectorEn : source.vectorFr;
  if (!columns.length) return null;
  return source.stored ? `${source.stored}.search_${lang}` : tsvectorSql(lang, ...columns);
};

/** title above body: the title's words weigh A, the rest B */
export const weightedSql = (lang: 'en' | 'fr', [title, ...rest]: string[]): string =>
  `setweight(${tsvectorSql(lang, title)}, 'A') || setweight(${rest.length ? tsvectorSql(lang, ...rest) : `''::tsvector`}, 'B')`;

/** the weighted vector a source is ranked by in one language (null when it has no text in that language) */
export const rankVectorOf = (source: SearchSource, lang: 'en' | 'fr'): string | null => {
  const columns = lang === 'en' ? source.vectorEn : source.vectorFr;
  if (!columns.length) return null;
  return source.stored ? `${source.stored}.search_rank_${lang}` : weightedSql(lang, columns);
};
