import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { QUEUES } from '@forum/contracts';
import { DeadlineScanService } from './deadline-scan.service';

export const SCAN_DEADLINES_JOB = 'action-items.scan-deadlines';
export const SCAN_EVERY_MS = 15 * 60 * 1000;

/**
 * Runs the deadline scan for `action-items.scan-deadlines` jobs of the schedule queue.
 * The queue is shared: a job of another capability is not ours, and saying so fails it loudly
 * rather than completing it silently.
 */
@Processor(QUEUES.schedule)
export class DeadlineScanProcessor extends WorkerHost {
  constructor(private readonly scan: DeadlineScanService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== SCAN_DEADLINES_JOB) throw new Error(`action-items does not handle ${job.name} jobs`);
    return { done: true, notified: await this.scan.scanDeadlines() };
  }
}

/** Registers the repeatable scan; upserting makes every worker start-up idempotent. */
@Injectable()
export class DeadlineScanScheduler implements OnModuleInit {
  constructor(@InjectQueue(QUEUES.schedule) private readonly queue: Queue) {}

  async onModuleInit(): Promise<void> {
    await this.queue.upsertJobScheduler(SCAN_DEADLINES_JOB, { every: SCAN_EVERY_MS }, { name: SCAN_DEADLINES_JOB, data: {} });
  }
}
