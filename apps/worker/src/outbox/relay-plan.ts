import type { JobsOptions } from 'bullmq';
import { QUEUES, type EventAudience, type JobIntent, type NotificationIntent, type RealtimeJob } from '@forum/contracts';
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
  event: { id: string; name: string; payload: Record<string, unknown>; audience: EventAudience; notify: NotificationIntent[] | null; jobs: JobIntent[] | null },
  now: number,
): RelayStep[] {
  const steps: RelayStep[] = [];
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
