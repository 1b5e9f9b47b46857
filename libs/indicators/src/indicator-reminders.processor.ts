import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { QUEUES } from '@forum/contracts';
import { IndicatorRemindersService } from './indicator-reminders.service';

export const REMIND_UNREPORTED_JOB = 'indicators.remind-unreported';
const SCAN_EVERY_MS = 60 * 60 * 1000;

/** Runs the unreported-figures scan; a job of another name was misrouted and fails loudly. */
@Processor(QUEUES.indicators)
export class IndicatorRemindersProcessor extends WorkerHost {
  constructor(private readonly reminders: IndicatorRemindersService) {
    super();
  }

  async process(job: Job): Promise<{ done: true; period: string; reminded: number }> {
    if (job.name !== REMIND_UNREPORTED_JOB) throw new Error(`indicators does not handle ${job.name} jobs`);
    return { done: true, ...(await this.reminders.remindUnreported(new Date())) };
  }
}

/** Registers the hourly scan (upserted: every worker start is idempotent). */
@Injectable()
export class IndicatorRemindersScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('IndicatorReminders');

  constructor(@InjectQueue(QUEUES.indicators) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue
      .upsertJobScheduler(REMIND_UNREPORTED_JOB, { every: SCAN_EVERY_MS }, { name: REMIND_UNREPORTED_JOB, data: {} })
      .catch((error: Error) => this.logger.error(`could not schedule the reminder scan: ${error.message}`));
  }
}
