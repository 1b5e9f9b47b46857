import { Injectable, Logger } from '@nestjs/common';
import type { Queue, RepeatOptions } from 'bullmq';

interface Schedule {
  queue: Queue;
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  template: { name: string; data: Record<string, unknown> };
}

/**
 * The repeatable jobs of this process (the deadline scan, the daily digest): each is upserted at start,
 * again on every Redis reconnect and at every delivery sweep, so a Redis that restarted empty gets them
 * back within a sweep. Upserting the same scheduler id is idempotent across workers.
 */
@Injectable()
export class JobSchedules {
  private readonly logger = new Logger('JobSchedules');
  private readonly schedules = new Map<string, Schedule>();

  async register(queue: Queue, id: string, repeat: Schedule['repeat'], template: Schedule['template']): Promise<void> {
    const schedule = { queue, id, repeat, template };
    this.schedules.set(`${queue.name}/${id}`, schedule);
    await this.upsert(schedule);
  }

  async upsertAll(): Promise<void> {
    await Promise.all(
      [...this.schedules.values()].map((s) =>
        this.upsert(s).catch((error: Error) => this.logger.warn(`repeatable job ${s.id} not upserted yet: ${error.message}`)),
      ),
    );
  }

  list(): { queue: string; id: string }[] {
    return [...this.schedules.values()].map((s) => ({ queue: s.queue.name, id: s.id }));
  }

  private async upsert(s: Schedule): Promise<void> {
    await s.queue.upsertJobScheduler(s.id, s.repeat, s.template);
  }
}
