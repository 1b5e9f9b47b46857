import type { EmailDelivery, NotificationCategory, TranslationState, UserView } from '@forum/contracts';

/** The bilingual fields the API adds beside each text `x` (see the contract's bilingual texts). */
type Texts<K extends string> = { [P in `${K}En` | `${K}Fr`]?: string | null } & { translation?: TranslationState };

/** The shapes the API returns. The directory's come from contracts, shared with the server. */
export type {
  BodyView as Body,
  GovernmentView as Government,
  JoinRequestView as JoinRequest,
  MembershipView as Membership,
  UserView as UserAccount,
  NotificationView as Notification,
  EmailDelivery,
} from '@forum/contracts';
export { EMAIL_DELIVERIES } from '@forum/contracts';

export interface Meeting extends Texts<'title'> {
  agendaTranslationToFollow?: boolean;
  id: string;
  bodyId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  videoUrl: string | null;
  status: string;
  warnings?: Warning[];
}

export interface Warning {
  code?: string;
  kind?: string;
  message?: string;
  governmentId?: string;
  [key: string]: unknown;
}

export interface AgendaItem extends Texts<'title'> {
  id: string;
  meetingId: string;
  title: string;
  purpose: 'information' | 'discussion' | 'decision';
  durationMinutes: number;
  presenterGovernmentId: string | null;
  position: number;
}

export interface ActionItem extends Texts<'title' | 'description'> {
  id: string;
  bodyId: string;
  meetingId: string | null;
  title: string;
  description: string | null;
  leadGovernmentId: string;
  supportingGovernmentIds: string[];
  dueOn: string;
  status: 'not_started' | 'in_progress' | 'blocked' | 'done' | 'cancelled';
  progress: number;
  version: number;
  updatedAt?: string;
  updatedByUserId?: string | null;
  updatedBy?: { displayName?: string } | null;
  estimatedCostCents?: number | null;
  actualCostCents?: number | null;
  costShares?: { governmentId: string; percent?: number; sharePercent?: number; basisPoints?: number }[];
}

export interface ActionItemUpdate extends Texts<'note'> {
  id: string;
  note: string | null;
  progress: number | null;
  status: string | null;
  changes?: Record<string, unknown> | null;
  authorUserId?: string;
  author?: { displayName?: string } | null;
  authorName?: string;
  createdAt: string;
}

export interface Communique {
  id: string;
  bodyId: string;
  meetingId: string | null;
  titleEn: string;
  titleFr: string;
  bodyEn: string;
  bodyFr: string;
  status: 'draft' | 'in_concurrence' | 'approved' | 'published' | 'withdrawn';
  revision: number;
  embargoUntil?: string | null;
  publishedAt?: string | null;
  concurrences?: { governmentId: string; revision: number; position?: 'concur' | 'concur_with_reservation' | 'object'; comment?: string | null; current?: boolean; concurredAt?: string }[];
  /** where concurrence stands on the current revision, as the API reckons it (observers are never required) */
  concurrence?: {
    revision: number;
    required: GovernmentRef[];
    concurred: GovernmentRef[];
    awaiting: GovernmentRef[];
    objections: GovernmentRef[];
    complete: boolean;
  };
}

export interface GovernmentRef {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
}


/** POST /users/invitations answers with the new account and when its link stops working. */
export interface InvitedAccount extends UserView {
  invitationExpiresAt: string;
}

export type NotificationPreferences = Record<NotificationCategory, EmailDelivery>;
