import type { BilingualFields, TranslationState } from './bilingual';
import type { Locale } from './roles';

/** Joint communiqués on the wire: statuses, positions and the views the API answers with (api, worker and web read these). */
export const COMMUNIQUE_STATUSES = ['draft', 'in_concurrence', 'approved', 'published', 'withdrawn'] as const;
export type CommuniqueStatus = (typeof COMMUNIQUE_STATUSES)[number];

export const CONCURRENCE_POSITIONS = ['concur', 'concur_with_reservation', 'object'] as const;
export type ConcurrencePosition = (typeof CONCURRENCE_POSITIONS)[number];

/** One piece of a word diff between two revisions. */
export interface DiffSegment {
  type: 'equal' | 'added' | 'removed';
  text: string;
}

export interface GovernmentRef {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
}

export type ConcurrenceView = BilingualFields<'comment'> & {
  id: string;
  governmentId: string;
  government: GovernmentRef | null;
  revision: number;
  position: ConcurrencePosition;
  translation: TranslationState;
  userId: string;
  concurredAt: string;
  /** false once a newer revision voided it, or a later position of the same government superseded it */
  current: boolean;
  voidedAt: string | null;
  /** set on a position the government replaced on the same revision (listed with ?history=true) */
  supersededAt: string | null;
};

export interface CommuniqueSummaryView {
  id: string;
  bodyId: string;
  meetingId: string | null;
  status: CommuniqueStatus;
  revision: number;
  titleEn: string;
  titleFr: string;
  /** both languages written, or which one the draft awaits (a communiqué goes out in both or not at all) */
  translation: TranslationState;
  embargoUntil: string | null;
  publishedAt: string | null;
  publishedRevision: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface CommuniqueView extends CommuniqueSummaryView {
  bodyEn: string;
  bodyFr: string;
  htmlEn: string;
  htmlFr: string;
  withdrawnAt: string | null;
  withdrawalReasonEn: string | null;
  withdrawalReasonFr: string | null;
  /** where concurrence stands on the current revision */
  concurrence: {
    revision: number;
    required: GovernmentRef[];
    concurred: GovernmentRef[];
    awaiting: GovernmentRef[];
    objections: GovernmentRef[];
    complete: boolean;
  };
  /** who took which position on what revision, when; voided ones included */
  concurrences: ConcurrenceView[];
  /** the latest correction of the published text: in concurrence until published; null without one */
  correction?: { revision: number; status: 'in_concurrence' | 'published' } | null;
}

export interface RevisionView {
  number: number;
  titleEn: string;
  titleFr: string;
  bodyEn: string;
  bodyFr: string;
  authorUserId: string | null;
  createdAt: string;
  isCorrection: boolean;
  correctionNoteEn: string | null;
  correctionNoteFr: string | null;
  publishedAt: string | null;
}

export interface RevisionDiffView {
  from: number;
  to: number;
  lang: Locale;
  title: DiffSegment[];
  body: DiffSegment[];
}

/** The public face of a communiqué: its published text only, never the concurrence or unpublished revisions. */
export interface PublicCommuniqueView {
  id: string;
  bodyId: string;
  bodyName: string;
  bodyNameFr: string | null;
  status: 'published' | 'withdrawn';
  revision: number;
  publishedAt: string;
  /** last public change: a correction or the withdrawal */
  updatedAt: string;
  lang: Locale;
  title: string;
  html: string;
  footnotes: string[];
  titleEn: string;
  titleFr: string;
  bodyEn: string;
  bodyFr: string;
  htmlEn: string;
  htmlFr: string;
  footnotesEn: string[];
  footnotesFr: string[];
  corrections: { revision: number; noteEn: string | null; noteFr: string | null; correctedAt: string }[];
  withdrawal: { withdrawnAt: string; reasonEn: string | null; reasonFr: string | null } | null;
  /** the permanent page of this communiqué in the language asked */
  url: string;
}

export interface PublicCommuniqueSummaryView {
  id: string;
  bodyId: string;
  bodyName: string;
  bodyNameFr: string | null;
  status: 'published' | 'withdrawn';
  revision: number;
  publishedAt: string;
  lang: Locale;
  title: string;
  titleEn: string;
  titleFr: string;
  url: string;
}

/** POST /text/preview: Markdown as the record and the public pages show it (sanitized HTML). */
export interface TextPreviewView {
  html: string;
}
