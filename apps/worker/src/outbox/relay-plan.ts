import type { JobsOptions } from 'bullmq';
import {
  QUEUES,
  WEBHOOK_EVENTS,
  WEBHOOK_FANOUT_JOB,
  type EventAudience,
  type JobIntent,
  type NotificationIntent,
  type RealtimeJob,
  type WebhookFanoutJob,
} from '@forum/contracts';
import { NOTIFY_JOB } from '@forum/notifications';

export interface RelayStep {
  queue: string;
  name: string;
  data: Record<string, unknown>;
  opts: JobsOptions & { jobId: string };
}

/** BullMQ refuses ':' in custom job ids (it is its key separator). */
export const bullJobId = (id: string): string => id.replace(/:/g, '-');

/**
 * The jobs one outbox event becomes. Their ids derive from the event, so relaying it twice
 * (a crash between adding and committing) adds each job once.
 */
export function relayPlan(
  event: {
    id: string;
    name: string;
    payload: Record<string, unknown>;
    audience: EventAudience;
    notify: NotificationIntent[] | null;
    jobs: JobIntent[] | null;
    context?: Record<string, unknown> | null;
    createdAt?: Date | string;
  },
  now: number,
  options: { webhooks?: boolean } = {},
): RelayStep[] {
  const steps: RelayStep[] = [];
  // Webhooks hear what sockets hear (never a private event); the fan-out job applies each subscription's access.
  if (options.webhooks && event.audience.kind !== 'none' && event.audience.kind !== 'users' && (WEBHOOK_EVENTS as readonly string[]).includes(event.name)) {
    const data: WebhookFanoutJob = {
      eventId: event.id,
      name: event.name,
      payload: event.payload,
      audience: event.audience,
      context: event.context ?? null,
      occurredAt: new Date(event.createdAt ?? now).toISOString(),
    };
    steps.push({ queue: QUEUES.webhooks, name: WEBHOOK_FANOUT_JOB, data: { ...data }, opts: { jobId: `evt-${event.id}-webhooks` } });
  }
  if (event.audience.kind !== 'none') {
    const data: RealtimeJob = { eventId: event.id, name: event.name, payload: event.payload, audience: event.audience };
    steps.push({ queue: QUEUES.realtime, name: event.name, data: { ...data }, opts: { jobId: `evt-${event.id}-realtime` } });
  }
  if (event.notify?.length) {
    steps.push({ queue: QUEUES.notifications, name: NOTIFY_JOB, data: { eventId: event.id, notify: event.notify }, opts: { jobId: `evt-${event.id}-notify` } });
  }
  for (const intent of event.jobs ?? []) {
    const delay = intent.runAt ? Math.max(0, Date.parse(intent.runAt) - now) : 0;
    steps.push({ queue: intent.queue, name: intent.name, data: intent.data, opts: { jobId: bullJobId(intent.jobId), ...(delay > 0 && { delay }) } });
  }
  return steps;
}
