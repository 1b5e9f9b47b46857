import type { Locale } from './roles';

/**
 * Every text participants read is an English/French pair. A record that holds such texts says once whether
 * its translation is complete and which language was written first.
 */
export interface TranslationState {
  status: 'complete' | 'pending';
  sourceLang: Locale;
}

/**
 * How one bilingual field `K` crosses the wire: `KEn` and `KFr` (null while that side awaits translation) and
 * `K` in the reader's language (the other one while the reader's is pending).
 */
export type BilingualFields<K extends string> = { [P in K]: string | null } & { [P in `${K}En` | `${K}Fr`]: string | null };

/** What a client may send for one bilingual field: both sides, either side, or `K` alone in the author's language. */
export type BilingualInput<K extends string> = { [P in K | `${K}En` | `${K}Fr`]?: string };

/** A text awaiting translation, as the secretariat's translation queue lists it. */
export interface PendingTranslationView {
  type: string;
  id: string;
  field: string;
  sourceLang: Locale;
  sourceText: string;
  createdAt: string;
  createdBy: string | null;
}
