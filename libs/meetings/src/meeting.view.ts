import type { Locale } from '@forum/contracts';
import { bilingualRecordView, bilingualView, textFor, translationState } from '@forum/core';
import type { DecisionPosition } from './decision-position.entity';
import type { AgendaItem } from './agenda-item.entity';
import type { AgendaPaper } from './agenda-paper.entity';
import type { CalendarFeedToken } from './calendar-feed-token.entity';
import type { MeetingDecision } from './meeting-decision.entity';
import type { Meeting } from './meeting.entity';
import type { MeetingWarning, InviteeView, MeetingView, PaperView, AgendaItemView, DecisionView, CalendarFeedView, PositionView } from '@forum/contracts';

export type {
  MeetingWarning,
  DelegateView,
  InviteeView,
  MeetingView,
  PaperView,
  AgendaItemView,
  DecisionView,
  CalendarFeedView,
  PositionView,
  DecisionRecordView,
} from '@forum/contracts';

/** `minutes`: the minutes text this reader may see (a draft is the secretariat's only), in their language. */
export const toMeetingView = (
  m: Meeting,
  invitees: InviteeView[],
  warnings?: MeetingWarning[],
  reader: Locale = 'en',
  minutes?: { text: string | null; updatedAt: string | null },
): MeetingView => ({
  id: m.id,
  bodyId: m.bodyId,
  ...bilingualRecordView(reader, m.sourceLang, { title: m.title }),
  title: textFor(m.title, reader).text ?? '',
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt.toISOString(),
  location: m.location,
  videoUrl: m.videoUrl,
  status: m.status,
  sequence: m.sequence,
  rescheduleReason: m.rescheduleReason,
  cancellationReason: m.cancellationReason,
  agendaPublishedAt: m.agendaPublishedAt ? m.agendaPublishedAt.toISOString() : null,
  agendaTranslationToFollow: m.agendaTranslationToFollow,
  minutes: minutes?.text ?? null,
  minutesUpdatedAt: minutes?.updatedAt ?? null,
  invitees,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
  ...(warnings ? { warnings } : {}),
});

export const toPaperView = (p: AgendaPaper, reader: Locale = 'en'): PaperView => ({
  id: p.id,
  ...bilingualRecordView(reader, p.sourceLang, { title: p.title }),
  title: textFor(p.title, reader).text ?? '',
  url: p.url,
  fileName: p.fileName,
  contentType: p.contentType,
  sizeBytes: p.sizeBytes,
  downloadUrl: p.url ? null : `/api/v1/meetings/${p.meetingId}/agenda-items/${p.agendaItemId}/papers/${p.id}/content`,
  createdAt: p.createdAt.toISOString(),
});

export const toAgendaItemView = (a: AgendaItem, papers: AgendaPaper[] = [], warnings?: MeetingWarning[], reader: Locale = 'en'): AgendaItemView => ({
  id: a.id,
  meetingId: a.meetingId,
  position: a.position,
  ...bilingualRecordView(reader, a.sourceLang, { title: a.title }),
  title: textFor(a.title, reader).text ?? '',
  purpose: a.purpose,
  durationMinutes: a.durationMinutes,
  presenterGovernmentId: a.presenterGovernmentId,
  papers: papers.map((p) => toPaperView(p, reader)),
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
