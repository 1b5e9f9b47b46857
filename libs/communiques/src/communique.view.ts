import type { BilingualFields, Locale, TranslationState } from '@forum/contracts';
import { bilingualView, translationState } from '@forum/core';
import type { Communique, CommuniqueStatus } from './communique.entity';
import type { CommuniqueConcurrence, ConcurrencePosition } from './communique-concurrence.entity';
import type { CommuniqueRevision } from './communique-revision.entity';
import { renderMarkdown } from './markdown.rule';
import type { DiffSegment } from './word-diff.rule';

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

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toCommuniqueSummaryView = (c: Communique): CommuniqueSummaryView => ({
  id: c.id,
  bodyId: c.bodyId,
  meetingId: c.meetingId,
  status: c.status,
  revision: c.currentRevision,
  titleEn: c.titleEn,
  titleFr: c.titleFr,
  embargoUntil: iso(c.embargoUntil),
  publishedAt: iso(c.publishedAt),
  publishedRevision: c.publishedRevision,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const toConcurrenceView = (x: CommuniqueConcurrence, currentRevision: number, government: GovernmentRef | null, reader: Locale = 'en'): ConcurrenceView => ({
  id: x.id,
  governmentId: x.governmentId,
  government,
  revision: x.revision,
  position: x.position,
  ...bilingualView('comment', x.comment, reader),
  translation: translationState(x.sourceLang, x.comment),
  userId: x.userId,
  concurredAt: x.createdAt.toISOString(),
  current: x.revision === currentRevision && !x.voidedAt && !x.supersededAt,
  voidedAt: iso(x.voidedAt),
  supersededAt: iso(x.supersededAt),
});

export function toCommuniqueView(
  c: Communique,
  concurrence: CommuniqueView['concurrence'],
  concurrences: ConcurrenceView[],
): CommuniqueView {
  return {
    ...toCommuniqueSummaryView(c),
    bodyEn: c.bodyEn,
    bodyFr: c.bodyFr,
    htmlEn: renderMarkdown(c.bodyEn),
    htmlFr: renderMarkdown(c.bodyFr),
    withdrawnAt: iso(c.withdrawnAt),
    withdrawalReasonEn: c.withdrawalReasonEn,
    withdrawalReasonFr: c.withdrawalReasonFr,
    concurrence,
    concurrences,
  };
}

export const toRevisionView = (r: CommuniqueRevision): RevisionView => ({
  number: r.number,
  titleEn: r.titleEn,
  titleFr: r.titleFr,
  bodyEn: r.bodyEn,
  bodyFr: r.bodyFr,
  authorUserId: r.authorUserId,
  createdAt: r.createdAt.toISOString(),
  isCorrection: r.isCorrection,
  correctionNoteEn: r.correctionNoteEn,
  correctionNoteFr: r.correctionNoteFr,
  publishedAt: iso(r.publishedAt),
});

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
