import type { BilingualFields, Locale, MembershipRole, TranslationState } from '@forum/contracts';
import { bilingualView, translationState } from '@forum/core';
import type { DecisionPosition, DecisionPositionKind } from './decision-position.entity';
import type { AgendaItem, AgendaPurpose } from './agenda-item.entity';
import type { AgendaPaper } from './agenda-paper.entity';
import type { CalendarFeedToken } from './calendar-feed-token.entity';
import type { MeetingDecision } from './meeting-decision.entity';
import type { Meeting } from './meeting.entity';
import type { MeetingStatus } from './meeting-status.rule';

export interface MeetingWarning {
  code: string;
  message: string;
  governmentId?: string;
  userId?: string;
}

export interface DelegateView {
  userId: string;
  displayName: string;
}

export interface InviteeView {
  governmentId: string;
  code: string;
  nameEn: string;
  nameFr: string;
  role: MembershipRole;
  timeZone: string;
  localStartsAt: string;
  localEndsAt: string;
  /** the zone's abbreviation at the start, e.g. PST (HNP in French) */
  zoneAbbreviation: string;
  zoneAbbreviationFr: string;
  delegates: DelegateView[];
}

export interface MeetingView {
  id: string;
  bodyId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  videoUrl: string | null;
  status: MeetingStatus;
  sequence: number;
  rescheduleReason: string | null;
  cancellationReason: string | null;
  agendaPublishedAt: string | null;
  minutes: string | null;
  minutesUpdatedAt: string | null;
  invitees: InviteeView[];
  createdAt: string;
  updatedAt: string;
  warnings?: MeetingWarning[];
}

export interface PaperView {
  id: string;
  title: string;
  url: string | null;
  fileName: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  downloadUrl: string | null;
  createdAt: string;
}

export interface AgendaItemView {
  id: string;
  meetingId: string;
  position: number;
  title: string;
  purpose: AgendaPurpose;
  durationMinutes: number;
  presenterGovernmentId: string | null;
  papers: PaperView[];
  createdAt: string;
  updatedAt: string;
  warnings?: MeetingWarning[];
}

export type DecisionView = BilingualFields<'text'> & {
  id: string;
  meetingId: string;
  bodyId: string;
  number: number;
  agendaItemId: string | null;
  translation: TranslationState;
  originDecisionId: string | null;
  referral: { bodyId: string; referredAt: string; referredByUserId: string | null; note: string | null } | null;
  createdAt: string;
};

/** A government's position on a decision, with its bilingual comment. */
export type PositionView = BilingualFields<'comment'> & {
  governmentId: string;
  position: DecisionPositionKind;
  translation: TranslationState;
  recordedBy: string;
  recordedAt: string;
  /** set on a position a later one replaced (history only) */
  supersededAt: string | null;
};

/** A decision with the current position of each government and whether consensus holds. */
export type DecisionRecordView = DecisionView & {
  positions: PositionView[];
  consensus: boolean;
};

export interface CalendarFeedView {
  id: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** `minutes`: the minutes text this reader may see (a draft is the secretariat's only), in their language. */
export const toMeetingView = (m: Meeting, invitees: InviteeView[], warnings?: MeetingWarning[], minutes?: { text: string | null; updatedAt: string | null }): MeetingView => ({
  id: m.id,
  bodyId: m.bodyId,
  title: m.title,
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt.toISOString(),
  location: m.location,
  videoUrl: m.videoUrl,
  status: m.status,
  sequence: m.sequence,
  rescheduleReason: m.rescheduleReason,
  cancellationReason: m.cancellationReason,
  agendaPublishedAt: m.agendaPublishedAt ? m.agendaPublishedAt.toISOString() : null,
  minutes: minutes?.text ?? null,
  minutesUpdatedAt: minutes?.updatedAt ?? null,
  invitees,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
  ...(warnings ? { warnings } : {}),
});

export const toPaperView = (p: AgendaPaper): PaperView => ({
  id: p.id,
  title: p.title,
  url: p.url,
  fileName: p.fileName,
  contentType: p.contentType,
  sizeBytes: p.sizeBytes,
  downloadUrl: p.url ? null : `/api/v1/meetings/${p.meetingId}/agenda-items/${p.agendaItemId}/papers/${p.id}/content`,
  createdAt: p.createdAt.toISOString(),
});

export const toAgendaItemView = (a: AgendaItem, papers: AgendaPaper[] = [], warnings?: MeetingWarning[]): AgendaItemView => ({
  id: a.id,
  meetingId: a.meetingId,
  position: a.position,
  title: a.title,
  purpose: a.purpose,
  durationMinutes: a.durationMinutes,
  presenterGovernmentId: a.presenterGovernmentId,
  papers: papers.map(toPaperView),
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  ...(warnings ? { warnings } : {}),
});

export const toDecisionView = (d: MeetingDecision, reader: Locale = 'en'): DecisionView => ({
  id: d.id,
  meetingId: d.meetingId,
  bodyId: d.bodyId,
  number: d.number,
  agendaItemId: d.agendaItemId,
  ...bilingualView('text', d.text, reader),
  translation: translationState(d.sourceLang, d.text),
  originDecisionId: d.originDecisionId,
  referral: d.referredToBodyId
    ? { bodyId: d.referredToBodyId, referredAt: d.referredAt!.toISOString(), referredByUserId: d.referredByUserId, note: d.referralNote }
    : null,
  createdAt: d.createdAt.toISOString(),
});

export const toCalendarFeedView = (t: CalendarFeedToken): CalendarFeedView => ({
  id: t.id,
  label: t.label,
  createdAt: t.createdAt.toISOString(),
  revokedAt: t.revokedAt ? t.revokedAt.toISOString() : null,
  lastUsedAt: t.lastUsedAt ? t.lastUsedAt.toISOString() : null,
});

export const toPositionView = (p: DecisionPosition, reader: Locale = 'en'): PositionView => ({
  governmentId: p.governmentId,
  position: p.position,
  ...bilingualView('comment', p.comment, reader),
  translation: translationState(p.sourceLang, p.comment),
  recordedBy: p.recordedByUserId,
  recordedAt: p.recordedAt.toISOString(),
  supersededAt: p.supersededAt ? p.supersededAt.toISOString() : null,
});
