import type { MembershipRole } from './roles';

/** Meetings on the wire: statuses, agenda purposes and the views the API answers with (api, worker and web read these). */
export const MEETING_STATUSES = ['draft', 'scheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const ATTENDANCE_STATUSES = ['present', 'regrets', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const AGENDA_PURPOSES = ['information', 'discussion', 'decision'] as const;
export type AgendaPurpose = (typeof AGENDA_PURPOSES)[number];

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

export interface DecisionView {
  id: string;
  meetingId: string;
  bodyId: string;
  number: number;
  agendaItemId: string | null;
  text: string;
  originDecisionId: string | null;
  referral: { bodyId: string; referredAt: string; referredByUserId: string | null; note: string | null } | null;
  createdAt: string;
}

export interface CalendarFeedView {
  id: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/**
 * Quorum counts only voting seats: observers (Quebec at the FMRI tables) attend and speak but never
 * make or break quorum. The body's rule is a percentage that must be exceeded (50: a majority);
 * 100 means every voting member.
 */
export interface QuorumResult {
  rulePercent: number;
  eligible: number;
  present: number;
  required: number;
  met: boolean;
}

export interface AttendanceView {
  meetingId: string;
  items: {
    governmentId: string;
    code: string;
    nameEn: string;
    role: MembershipRole;
    /** null until the secretariat records it */
    status: AttendanceStatus | null;
    delegates: { userId: string; displayName: string }[];
  }[];
  quorum: QuorumResult;
}

export interface AgendaView {
  items: AgendaItemView[];
  total: number;
  /** null while the agenda is a draft, which only the secretariat sees */
  publishedAt: string | null;
  revision: number;
  totalMinutes: number;
  meetingMinutes: number;
  warnings: MeetingWarning[];
}

export interface SlotView {
  startsAt: string;
  endsAt: string;
  invitees: { governmentId: string; code: string; timeZone: string; localStartsAt: string; localEndsAt: string }[];
}
