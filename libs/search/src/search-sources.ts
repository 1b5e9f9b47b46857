import type { SearchType } from '@forum/contracts';
import { tsvectorSql } from '@forum/core';

/**
 * What is searched, per type, as the SQL the one search query unions. Each source names its texts in English
 * and French (each indexed in its own language: the GIN indexes of the search migration are built on exactly
 * `tsvectorSql(lang, ...vectorColumns)`), and its visibility as a condition over the caller's parameters:
 * `:scope` (the bodies the caller's government sits on, null for the secretariat), `:gov`, `:secretariat`.
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
    from: 'body b',
    id: 'b.id',
    bodyId: 'b.id',
    meetingId: 'NULL::uuid',
    titleEn: 'b.name',
    titleFr: 'b.name_fr',
    vectorEn: ['b.name', 'b.mandate'],
    vectorFr: ['b.name_fr'],
    textEn: 'b.mandate',
    textFr: 'b.name_fr',
    at: 'b.updated_at',
    // the directory is open to every signed-in user
    visible: 'true',
  },
  {
    type: 'meeting',
    from: 'meeting m',
    id: 'm.id',
    bodyId: 'm.body_id',
    meetingId: 'm.id',
    titleEn: 'm.title',
    titleFr: 'NULL::text',
    vectorEn: ['m.title', 'm.location'],
    vectorFr: [],
    textEn: 'm.location',
    textFr: 'NULL::text',
    at: 'm.starts_at',
    visible: meetingVisible('m'),
  },
  {
    type: 'agenda_item',
    from: 'agenda_item a JOIN meeting m ON m.id = a.meeting_id',
    id: 'a.id',
    bodyId: 'm.body_id',
    meetingId: 'm.id',
    titleEn: 'a.title',
    titleFr: 'NULL::text',
    vectorEn: ['a.title'],
    vectorFr: [],
    textEn: 'a.title',
    textFr: 'NULL::text',
    at: 'm.starts_at',
    // members read an agenda once it is published
    visible: `${meetingVisible('m')} AND (:secretariat OR m.agenda_published_at IS NOT NULL)`,
  },
  {
    type: 'decision',
    from: 'meeting_decision d JOIN meeting m ON m.id = d.meeting_id',
    id: 'd.id',
    bodyId: 'm.body_id',
    meetingId: 'm.id',
    titleEn: `m.title || ' — ' || d.number`,
    titleFr: 'NULL::text',
    vectorEn: ['d.text'],
    vectorFr: [],
    textEn: 'd.text',
    textFr: 'NULL::text',
    at: 'd.created_at',
    visible: meetingVisible('m'),
  },
  {
    type: 'minutes',
    from: 'meeting m',
    id: 'm.id',
    bodyId: 'm.body_id',
    meetingId: 'm.id',
    titleEn: 'm.title',
    titleFr: 'NULL::text',
    vectorEn: ['m.minutes'],
    vectorFr: [],
    textEn: 'm.minutes',
    textFr: 'NULL::text',
    at: 'm.minutes_updated_at',
    visible: `${meetingVisible('m')} AND m.minutes IS NOT NULL`,
  },
  {
    type: 'action_item',
    from: 'action_item i',
    id: 'i.id',
    bodyId: 'i.body_id',
    meetingId: 'i.meeting_id',
    titleEn: 'i.title',
    titleFr: 'NULL::text',
    vectorEn: ['i.title', 'i.description'],
    vectorFr: [],
    textEn: 'i.description',
    textFr: 'NULL::text',
    at: 'i.updated_at',
    visible: inScope('i.body_id'),
  },
  {
    type: 'communique',
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
    // drafts for the body's members, published ones for everyone
    visible: `(c.status IN ('published', 'withdrawn') OR ${inScope('c.body_id')})`,
  },
];

export const vectorOf = (source: SearchSource, lang: 'en' | 'fr'): string | null => {
  const columns = lang === 'en' ? source.vectorEn : source.vectorFr;
  return columns.length ? tsvectorSql(lang, ...columns) : null;
};
