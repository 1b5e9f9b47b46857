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
  'communique.updated': { id: string; bodyId: string; status: string };
  'communique.published': { id: string };
  'membership.changed': { bodyId: string; governmentId: string };
  'join-request.created': { id: string; bodyId: string; governmentId: string };
  'join-request.decided': { id: string; bodyId: string; governmentId: string; approved: boolean };
  'user.invited': { userId: string };
  'user.password-reset-requested': { userId: string };
}

export type DomainEventName = keyof DomainEventPayloads;

/** Who may see an event: the members of one body, everybody (the public), or a set of users. */
export type EventAudience =
  | { kind: 'body'; bodyId: string }
  | { kind: 'public' }
  | { kind: 'users'; userIds: string[] }
  | { kind: 'none' };

export interface DomainEvent<N extends DomainEventName = DomainEventName> {
  name: N;
  payload: DomainEventPayloads[N];
  audience: EventAudience;
  /** extra facts for notification fan-out; never sent to sockets */
  context?: Record<string, unknown>;
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
