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
  JoinRequestReadToDecide = 'joinRequest.readToDecide',
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
  MembershipRoleChange = 'memberships.change-role',

  // meetings, agendas and the record
  MinutesRead = 'minutes.read',
  MinutesWrite = 'minutes.write',
  MinutesComment = 'minutes.comment',
  DecisionsRead = 'decisions.read',
  DecisionsWrite = 'decisions.write',
  DecisionPositionsWrite = 'decision-positions.write',

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
  /** GET /auth/me: every signed-in user */
  OwnAccountRead = 'account.read-own',
  /** PATCH /users/me: every signed-in user, their own name, language and zone */
  OwnAccountUpdate = 'account.update-own',

  // documents
  DocumentRead = 'document.read',
  DocumentUpload = 'document.upload',
  DocumentVersion = 'document.version',

  // funding and cost recovery
  /** read programs, claims and their summaries (as the body) */
  FundingRead = 'funding.read',
  /** create a funding program (the secretariat) */
  FundingProgramCreate = 'fundingProgram.create',
  /** submit a claim (an official for its own government, or the secretariat on behalf of a member) */
  FundingClaimCreate = 'fundingClaim.create',
  /** decide a claim (an official of the funding government, or the secretariat; never the claimant) */
  FundingClaimDecide = 'fundingClaim.decide',
  /** record a payment on an approved claim (as decide) */
  FundingClaimPay = 'fundingClaim.pay',
  /** confirm a paid claim is reconciled (an official of the claimant government, or the secretariat) */
  FundingClaimReconcile = 'fundingClaim.reconcile',

  // shared indicators
  IndicatorRead = 'indicator.read',
  IndicatorCreate = 'indicator.create',
  IndicatorUpdate = 'indicator.update',
  IndicatorReport = 'indicator.report',

  // search
  Search = 'search.read',

  // service tokens, webhooks, identity providers
  /** POST/GET/PUT/DELETE /governments/:id/identity-provider: the secretariat */
  IdentityProvidersManage = 'identity-providers.manage',
  /** POST/GET/DELETE /api-tokens: the secretariat */
  ApiTokensManage = 'api-tokens.manage',
  /** POST/GET/DELETE /webhooks and their delivery log: the secretariat */
  WebhooksManage = 'webhooks.manage',

  // operations (audit, queues)
  AuditRead = 'audit.read',
  DeliveriesRead = 'deliveries.read',
  DeliveriesRetry = 'deliveries.retry',

  // translations
  TranslationRead = 'translation.read',

  // text: the Markdown preview of an editor, rendered by the renderer the record and the public pages use
  TextPreview = 'text.preview',
}
