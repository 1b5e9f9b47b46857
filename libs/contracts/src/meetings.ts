import type { BilingualFields, TranslationState } from './bilingual';
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
  /** the zone's abbreviation at the start, e.g. PST (HNP in French) */
  zoneAbbreviation: string;
  zoneAbbreviationFr: string;
  delegates: DelegateView[];
}

export interface MeetingView {
  id: string;
  bodyId: string;
  title: string;
  titleEn: string | null;
  titleFr: string | null;
  translation: TranslationState;
  startsAt: string;
  endsAt: string;
  location: string | null;
  videoUrl: string | null;
  status: MeetingStatus;
  sequence: number;
  rescheduleReason: string | null;
  cancellationReason: string | null;
  agendaPublishedAt: string | null;
  /** the agenda went out before its translation (« version française à suivre ») */
  agendaTranslationToFollow: boolean;
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
  titleEn: string | null;
  titleFr: string | null;
  translation: TranslationState;
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
  titleEn: string | null;
  titleFr: string | null;
  translation: TranslationState;
  purpose: AgendaPurpose;
  durationMinutes: number;
  presenterGovernmentId: string | null;
  papers: PaperView[];
  createdAt: string;
  updatedAt: string;
  warnings?: MeetingWarning[];
}

export const DECISION_POSITIONS = ['agree', 'agree_with_reservation', 'abstain', 'dissent'] as const;
export type DecisionPositionKind = (typeof DECISION_POSITIONS)[number];

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
  /** published before its translation: « version française à suivre » / "English version to follow" */
  translationToFollow: boolean;
  revision: number;
  totalMinutes: number;
  meetingMinutes: number;
  warnings: MeetingWarning[];
}

export interface SlotView {
  startsAt: string;
  endsAt: string;
  invitees: {
    governmentId: string;
    code: string;
    timeZone: string;
    localStartsAt: string;
    localEndsAt: string;
    zoneAbbreviation: string;
    zoneAbbreviationFr: string;
  }[];
}
