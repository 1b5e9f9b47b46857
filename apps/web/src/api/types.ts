import type { EmailDelivery, NotificationCategory } from '@forum/contracts';

/**
 * The shapes the API returns, under the names the pages use: every one is the server's own type from
 * `@forum/contracts`, never a copy, so a field renamed there fails this app's typecheck too.
 */
export type {
  ActionItemUpdateView as ActionItemUpdate,
  ActionItemView as ActionItem,
  AgendaItemView as AgendaItem,
  AgendaView as Agenda,
  AttendanceView as Attendance,
  BodyView as Body,
  CommuniqueSummaryView as CommuniqueSummary,
  CommuniqueView as Communique,
  DecisionView as Decision,
  EmailDelivery,
  GovernmentRef,
  GovernmentView as Government,
  InvitedAccountView as InvitedAccount,
  InviteeView as Invitee,
  JoinRequestView as JoinRequest,
  MeetingView as Meeting,
  MeetingWarning as Warning,
  MembershipView as Membership,
  NotificationView as Notification,
  RevisionView as Revision,
  SlotView as Slot,
  TextPreviewView,
  UserView as UserAccount,
} from '@forum/contracts';
export { EMAIL_DELIVERIES } from '@forum/contracts';

export type NotificationPreferences = Record<NotificationCategory, EmailDelivery>;
