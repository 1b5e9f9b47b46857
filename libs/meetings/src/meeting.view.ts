import type { AgendaItem } from './agenda-item.entity';
import type { AgendaPaper } from './agenda-paper.entity';
import type { CalendarFeedToken } from './calendar-feed-token.entity';
import type { MeetingDecision } from './meeting-decision.entity';
import type { Meeting } from './meeting.entity';
import type { MeetingWarning, InviteeView, MeetingView, PaperView, AgendaItemView, DecisionView, CalendarFeedView } from '@forum/contracts';

export type { MeetingWarning, DelegateView, InviteeView, MeetingView, PaperView, AgendaItemView, DecisionView, CalendarFeedView } from '@forum/contracts';

export const toMeetingView = (m: Meeting, invitees: InviteeView[], warnings?: MeetingWarning[]): MeetingView => ({
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
  minutes: m.minutes,
  minutesUpdatedAt: m.minutesUpdatedAt ? m.minutesUpdatedAt.toISOString() : null,
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

export const toDecisionView = (d: MeetingDecision): DecisionView => ({
  id: d.id,
  meetingId: d.meetingId,
  bodyId: d.bodyId,
  number: d.number,
  agendaItemId: d.agendaItemId,
  text: d.text,
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
