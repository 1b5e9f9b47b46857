/**
 * Every error body carries a `reason`: a stable snake_case code a client branches on (never the message text).
 * Reasons are grouped per domain; two different conflicts never share one.
 */
export const CommonReason = {
  ValidationFailed: 'validation_failed',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  Duplicate: 'duplicate',
  StaleVersion: 'stale_version',
  IllegalTransition: 'illegal_transition',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  RateLimited: 'rate_limited',
  Unavailable: 'unavailable',
  Internal: 'internal',
} as const;

export const BodyReason = {
  BodyClosed: 'body_closed',
  CoChairRule: 'co_chair_rule',
  AlreadyMember: 'already_member',
  RequestPending: 'request_pending',
  AlreadyDecided: 'already_decided',
  /** three rejected join requests in 30 days: no more until the window passes */
  RequestRejectedRecently: 'request_rejected_recently',
} as const;

export const MeetingReason = {
  MeetingClosed: 'meeting_closed',
  AgendaEmpty: 'agenda_empty',
  AlreadyReferred: 'already_referred',
  NoParentBody: 'no_parent_body',
  NotStarted: 'meeting_not_started',
} as const;

export const RecordReason = {
  Frozen: 'frozen',
  TranslationPending: 'translation_pending',
  ObserverNotParty: 'observer_not_party',
} as const;

export const CommuniqueReason = {
  AwaitingConcurrence: 'awaiting_concurrence',
  Objection: 'objection',
  StaleRevision: 'stale_revision',
  EmbargoSet: 'embargo_set',
  NotPublished: 'not_published',
} as const;

export const ActionItemReason = {
  ItemClosed: 'item_closed',
} as const;

export const IdentityReason = {
  OwnAccount: 'own_account',
  InvalidCode: 'invalid_code',
} as const;

export const FundingReason = {
  BudgetExceeded: 'budget_exceeded',
  ClaimNotApproved: 'claim_not_approved',
  PaymentExceedsApproval: 'payment_exceeds_approval',
} as const;

/** operations: deliveries, queues */
export const OperationsReason = {
  DeliveryNotFailed: 'delivery_not_failed',
} as const;

export const DocumentReason = {
  /** the bytes are not what the file's name or declared type says */
  TypeMismatch: 'type_mismatch',
  EmptyFile: 'empty_file',
  RangeNotSatisfiable: 'range_not_satisfiable',
} as const;

type ValueOf<T> = T[keyof T];

export type ErrorReason =
  | ValueOf<typeof CommonReason>
  | ValueOf<typeof BodyReason>
  | ValueOf<typeof MeetingReason>
  | ValueOf<typeof RecordReason>
  | ValueOf<typeof CommuniqueReason>
  | ValueOf<typeof ActionItemReason>
  | ValueOf<typeof IdentityReason>
  | ValueOf<typeof FundingReason>
  | ValueOf<typeof OperationsReason>
  | ValueOf<typeof DocumentReason>;

export const ERROR_REASONS: readonly ErrorReason[] = [
  CommonReason,
  BodyReason,
  MeetingReason,
  RecordReason,
  CommuniqueReason,
  ActionItemReason,
  IdentityReason,
  FundingReason,
  OperationsReason,
  DocumentReason,
].flatMap((group) => Object.values(group) as ErrorReason[]);

/** The contract's error body. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  reason: ErrorReason;
  message: string | string[];
  requestId?: string;
  [extra: string]: unknown;
}
