import type { BodyKind, GovernmentLevel, Locale, MembershipRole, UserRole } from './roles';
import type { TranslationState } from './bilingual';

/**
 * The directory's shapes as the API returns them: the server maps its entities to these, the web app
 * reads them. One definition, so a field renamed on one side breaks the other's compilation.
 */
export interface GovernmentView {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
  /** « le gouvernement du Québec »: the French name as the subject of a sentence */
  nameFrWithArticle?: string;
  level: GovernmentLevel;
  timeZone: string;
  precedence: number;
}

export interface BodyView {
  id: string;
  /** in the reader's language (the other one while it awaits translation) */
  name: string;
  nameEn: string | null;
  nameFr: string | null;
  kind: BodyKind;
  parentId: string | null;
  permanent: boolean;
  startsOn: string | null;
  endsOn: string | null;
  mandate: string | null;
  mandateEn: string | null;
  mandateFr: string | null;
  translation: TranslationState;
  quorumPercent: number;
  memberCount?: number;
  createdAt: string;
}

export interface MembershipView {
  id: string;
  bodyId: string;
  governmentId: string;
  government: Omit<GovernmentView, 'precedence'> | null;
  role: MembershipRole;
  startedAt: string;
  endedAt: string | null;
}

export type JoinRequestStatus = 'pending' | 'approved' | 'rejected';

export interface JoinRequestView {
  id: string;
  bodyId: string;
  governmentId: string;
  requestedByUserId: string;
  message: string | null;
  messageEn: string | null;
  messageFr: string | null;
  status: JoinRequestStatus;
  decidedByUserId: string | null;
  decidedAt: string | null;
  reason: string | null;
  reasonEn: string | null;
  reasonFr: string | null;
  translation: TranslationState;
  createdAt: string;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  governmentId: string | null;
  locale: Locale;
  /** the user's own IANA zone, null when it is their government's */
  timeZone: string | null;
  active: boolean;
}

/** How a person wants the email of a notification category. */
export const EMAIL_DELIVERIES = ['immediately', 'daily', 'off'] as const;
export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number];

/** `POST /users/invitations` answers with the new account and when its link stops working. */
export interface InvitedAccountView extends UserView {
  invitationExpiresAt: string;
}

/** `POST /auth/login` (and accepting an invitation) answers with an access token and the account. */
export interface SessionView {
  accessToken: string;
  user: UserView;
}
