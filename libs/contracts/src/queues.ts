/** The one registry of queues, their jobs and payloads. */
export const QUEUES = {
  /** outbox events to be broadcast by an API instance over socket.io */
  realtime: 'realtime',
  /** outbox events to be turned into notifications for their recipients */
  notifications: 'notifications',
  /** the emails of a notification's recipients, in batches; account emails and digests, one a job */
  email: 'email',
  /** delayed publication of embargoed communiqués (one job per communiqué revision) */
  embargoes: 'communique-embargoes',
  /** the repeatable due-soon / overdue scan of action items */
  deadlines: 'action-item-deadlines',
  /** the repeatable scan for governments that have not reported an indicator's month */
  indicators: 'indicator-reminders',
  /** meetings' own jobs: the repeatable "held" sweep and the debounced revised-agenda notice */
  meetings: 'meeting-jobs',
  /** agenda packages built by the worker (one job per packet key: the SHA-256 of what it shows) */
  packets: 'document-packets',
  /** the words inside an uploaded file, read for search (one job per document version) */
  documentText: 'document-text',
  /** webhook fan-out (one job per outbox event) and deliveries (one job per subscription and event) */
  webhooks: 'webhooks',
} as const;

/** The realtime event names a webhook may subscribe to (every one but `notification`). */
export const WEBHOOK_EVENTS = [
  'meeting.created',
  'meeting.updated',
  'meeting.cancelled',
  'agenda.updated',
  'action-item.created',
  'action-item.updated',
  'communique.updated',
  'communique.published',
  'membership.changed',
  'document.added',
  'document.updated',
  'minutes.updated',
  'decision.updated',
  'funding-claim.updated',
  'indicator.threshold_crossed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** the job the relay adds for each event while any webhook exists */
export interface WebhookFanoutJob {
  eventId: string;
  name: string;
  payload: Record<string, unknown>;
  audience: import('./events').EventAudience;
  context: Record<string, unknown> | null;
  occurredAt: string;
}
export const WEBHOOK_FANOUT_JOB = 'fanout';
export const WEBHOOK_DELIVER_JOB = 'deliver';
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface RealtimeJob {
  eventId: string;
  name: string;
  payload: Record<string, unknown>;
  audience: import('./events').EventAudience;
  /** a payload of its own for each user (in-app notifications): each emitted to that user's room, the same job */
  toEach?: { userId: string; payload: Record<string, unknown> }[];
}

export interface EmailJob {
  notificationId?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}
