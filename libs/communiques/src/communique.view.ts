import type { Locale, TranslationState } from '@forum/contracts';
import { bilingual, bilingualView, renderMarkdown, translationState } from '@forum/core';
import type { Communique } from './communique.entity';
import type { CommuniqueConcurrence } from './communique-concurrence.entity';
import type { CommuniqueRevision } from './communique-revision.entity';
import type { GovernmentRef, ConcurrenceView, CommuniqueSummaryView, CommuniqueView, RevisionView } from '@forum/contracts';

export type {
  GovernmentRef,
  ConcurrenceView,
  CommuniqueSummaryView,
  CommuniqueView,
  RevisionView,
  RevisionDiffView,
  PublicCommuniqueView,
  PublicCommuniqueSummaryView,
} from '@forum/contracts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The communiqué's own columns hold '' for a side not yet written. */
const pair = (en: string, fr: string) => bilingual(en.trim() || null, fr.trim() || null);
export const communiqueTranslation = (c: Pick<Communique, 'titleEn' | 'titleFr' | 'bodyEn' | 'bodyFr'>): TranslationState => {
  const title = pair(c.titleEn, c.titleFr);
  const body = pair(c.bodyEn, c.bodyFr);
  const sourceLang = (title.en ?? body.en) && !(title.fr ?? body.fr) ? 'en' : !(title.en ?? body.en) && (title.fr ?? body.fr) ? 'fr' : 'en';
  return translationState(sourceLang, title, body);
};

export const toCommuniqueSummaryView = (c: Communique): CommuniqueSummaryView => ({
  id: c.id,
  bodyId: c.bodyId,
  meetingId: c.meetingId,
  status: c.status,
  revision: c.currentRevision,
  titleEn: c.titleEn,
  titleFr: c.titleFr,
  translation: communiqueTranslation(c),
  embargoUntil: iso(c.embargoUntil),
  publishedAt: iso(c.publishedAt),
  publishedRevision: c.publishedRevision,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const toConcurrenceView = (
  x: CommuniqueConcurrence,
  currentRevision: number,
  government: GovernmentRef | null,
  reader: Locale = 'en',
): ConcurrenceView => ({
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

export function toCommuniqueView(c: Communique, concurrence: CommuniqueView['concurrence'], concurrences: ConcurrenceView[]): CommuniqueView {
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
