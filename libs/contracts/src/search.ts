export const SEARCH_TYPES = ['body', 'meeting', 'agenda_item', 'decision', 'minutes', 'action_item', 'communique', 'document'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** One hit: `snippet` is HTML-escaped text whose only tags are `<mark>` around the words found. */
export interface SearchHitView {
  type: SearchType;
  id: string;
  bodyId: string | null;
  /** the meeting an agenda item, decision or minutes belong to (to link to the right place) */
  meetingId: string | null;
  title: string;
  snippet: string;
  score: number;
  /** when the thing happened or last changed, for "recent above old" */
  at: string | null;
}

export interface SearchResultsView {
  items: SearchHitView[];
  total: number;
}
