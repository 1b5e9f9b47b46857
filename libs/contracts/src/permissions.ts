/**
 * What a caller may do. Every route declares one (`@Authorize(Permission.X)`, or `@Public()`); the grant table
 * (`libs/core/src/access/permission-table.ts`) says who holds each. Names are `<capability>.<verb>`.
 * One section per domain, so each capability adds its own without touching the others'.
 */
export enum Permission {
  // directory: governments, users, bodies and memberships
  GovernmentRead = 'government.read',
  GovernmentCreate = 'government.create',
  AccountRead = 'account.read',
  UserList = 'user.list',
  UserRead = 'user.read',
  UserCreate = 'user.create',
  UserUpdate = 'user.update',
  UserInvite = 'user.invite',
  BodyRead = 'body.read',
  BodyCreate = 'body.create',
  BodyUpdate = 'body.update',
  MembershipManage = 'membership.manage',
  JoinRequestCreate = 'joinRequest.create',
  JoinRequestReadOwn = 'joinRequest.readOwn',
  JoinRequestRead = 'joinRequest.read',
  JoinRequestDecide = 'joinRequest.decide',

  // meetings, agendas and the record
  MeetingRead = 'meeting.read',
  MeetingCreate = 'meeting.create',
  MeetingUpdate = 'meeting.update',
  AgendaManage = 'agenda.manage',
  AttendanceRecord = 'attendance.record',
  MinutesRecord = 'minutes.record',
  DecisionRecord = 'decision.record',
  DecisionRefer = 'decision.refer',
  CalendarFeedManage = 'calendarFeed.manage',

  // action items
  ActionItemRead = 'actionItem.read',
  ActionItemCreate = 'actionItem.create',
  ActionItemUpdate = 'actionItem.update',
  AccountabilityRead = 'accountability.read',

  // communiqués
  CommuniqueRead = 'communique.read',
  CommuniqueCreate = 'communique.create',
  CommuniqueUpdate = 'communique.update',
  CommuniqueSubmit = 'communique.submit',
  CommuniqueConcur = 'communique.concur',
  CommuniquePublish = 'communique.publish',
  CommuniqueCorrect = 'communique.correct',
  CommuniqueWithdraw = 'communique.withdraw',

  // notifications and accounts
  NotificationRead = 'notification.read',
  NotificationUpdate = 'notification.update',

  // documents

  // funding and cost recovery

  // shared indicators

  // search

  // service tokens, webhooks, identity providers

  // operations (audit, queues)
  AuditRead = 'audit.read',
}
