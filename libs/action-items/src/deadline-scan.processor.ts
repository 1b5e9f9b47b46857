import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { QUEUES } from '@forum/contracts';
import { JobSchedules } from '@forum/core';
import { DeadlineScanService, type DeadlineScanResult } from './deadline-scan.service';

export const SCAN_DEADLINES_JOB = 'action-items.scan-deadlines';
export const SCAN_EVERY_MS = 15 * 60 * 1000;

/**
 * Runs the deadline scan for `action-items.scan-deadlines` jobs of the deadlines queue. A job of another
 * name was misrouted: it fails loudly rather than being completed silently.
 */
@Processor(QUEUES.deadlines)
export class DeadlineScanProcessor extends WorkerHost {
  constructor(private readonly scan: DeadlineScanService) {
    super();
  }

  async process(job: Job): Promise<{ done: true; notified: DeadlineScanResult }> {
    if (job.name !== SCAN_DEADLINES_JOB) throw new Error(`action-items does not handle ${job.name} jobs`);
    return { done: true, notified: await this.scan.scanDeadlines(new Date()) };
  }
}

/**
 * Registers the repeatable scan (upserting makes every worker start-up idempotent) and runs one scan
 * at start, so thresholds passed while no worker ran are notified at once rather than at the next tick.
 */
@Injectable()
export class DeadlineScanScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ActionItemDeadlines');

  constructor(
    @InjectQueue(QUEUES.deadlines) private readonly queue: Queue,
    private readonly scan: DeadlineScanService,
    private readonly schedules: JobSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.register(this.queue, SCAN_DEADLINES_JOB, { every: SCAN_EVERY_MS }, { name: SCAN_DEADLINES_JOB, data: {} });
    await this.scan.scanDeadlines(new Date()).catch((error: Error) => this.logger.error(`deadline scan at start failed: ${error.message}`));
  }
}
