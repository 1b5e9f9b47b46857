/**
 * Every domain event the product emits, with the payload clients may rely on.
 * Names are the socket.io event names of the public contract.
 */
export interface DomainEventPayloads {
  'meeting.created': { id: string; bodyId: string };
  'meeting.updated': { id: string; bodyId: string };
  'meeting.cancelled': { id: string; bodyId: string };
  'agenda.updated': { meetingId: string; bodyId: string };
  'action-item.created': { id: string; bodyId: string; version: number };
  'action-item.updated': { id: string; bodyId: string; version: number };
  /** an open item reached a deadline threshold (notified once per item, threshold and due date) */
  'action-item.deadline': { id: string; bodyId: string; threshold: 'due_soon' | 'overdue' | 'escalated' };
  'communique.updated': { id: string; bodyId: string; status: string };
  'communique.published': { id: string };
  'membership.changed': { bodyId: string; governmentId: string };
  'join-request.created': { id: string; bodyId: string; governmentId: string };
  'join-request.decided': { id: string; bodyId: string; governmentId: string; approved: boolean };
  'user.invited': { userId: string };
  'user.password-reset-requested': { userId: string };
  /** a meeting's decision referred up to the parent body (audience: the parent body) */
  'decision.referred': { id: string; meetingId: string; bodyId: string; fromBodyId: string };
  /** a funding claim was submitted, decided, paid (in part or in full) or reconciled */
  'funding-claim.updated': { id: string; programId: string; status: string };
  /** a period's total first reached a level (once per indicator, period and level) */
  'indicator.threshold_crossed': { indicatorId: string; bodyId: string; period: string; level: 'warning' | 'surge' };
  /** a member government had not reported a month by the reminder day (once per indicator, period and government) */
  'indicator.reminder': { indicatorId: string; bodyId: string; period: string; governmentId: string };
  /** the minutes of a meeting changed (saved, circulated, commented on, adopted); a draft reaches only its author */
  'minutes.updated': { meetingId: string; bodyId: string; status: string };
  /** a decision was recorded or a government's position on it changed */
  'decision.updated': { id: string; meetingId: string; bodyId: string };
  /** a document added to a body's library (audience: the body, or its governments when restricted) */
  'document.added': { id: string; bodyId: string };
  /** a new version of a document */
  'document.updated': { id: string; bodyId: string };
}

export type DomainEventName = keyof DomainEventPayloads;

/** Who may see an event: the members of one body, everybody (the public), or a set of users. */
export type EventAudience =
  | { kind: 'body'; bodyId: string }
  | { kind: 'public' }
  | { kind: 'users'; userIds: string[] }
  /** inside a body, but only for these governments (and the secretariat): a restricted document */
  | { kind: 'governments'; bodyId: string; governmentIds: string[] }
  | { kind: 'none' };

export const NOTIFICATION_CATEGORIES = ['meetings', 'action_items', 'communiques', 'membership', 'account', 'funding', 'indicators'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/**
 * Who must be told what, decided by the service that made the change (it knows the domain),
 * delivered by the worker (in-app, email, digest) once per recipient and key.
 */
export interface NotificationIntent {
  category: NotificationCategory;
  /** stable across retries: (key, recipient) is notified at most once */
  key: string;
  /** governments are expanded to their active officials; users are taken as they are */
  recipients: { governmentIds?: string[]; userIds?: string[] };
  subject: { en: string; fr: string };
  body: { en: string; fr: string };
  /** path inside the web app, e.g. /meetings/<id> */
  link?: string;
}

/** A queue job the relay adds once the change has committed (embargoes, delayed scans). */
export interface JobIntent {
  queue: string;
  name: string;
  /** idempotency key: a relay retried adds nothing twice */
  jobId: string;
  /** ISO time; absent means now */
  runAt?: string;
  data: Record<string, unknown>;
}

export interface DomainEvent<N extends DomainEventName = DomainEventName> {
  name: N;
  payload: DomainEventPayloads[N];
  audience: EventAudience;
  /** extra facts for the audit trail and the worker; never sent to sockets */
  context?: Record<string, unknown>;
  notify?: NotificationIntent[];
  jobs?: JobIntent[];
}

/** The in-app notification as pushed on the `notification` socket event and listed by GET /notifications. */
export interface NotificationView {
  id: string;
  category: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
