import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { QUEUES } from '@forum/contracts';
import { MARK_HELD_EVERY_MS, MARK_HELD_JOB, MeetingJobsService, REVISED_AGENDA_JOB } from './meeting-jobs.service';

/** Runs the meetings queue's jobs; a job of another name was misrouted and fails loudly. */
@Processor(QUEUES.meetings)
export class MeetingJobsProcessor extends WorkerHost {
  constructor(private readonly jobs: MeetingJobsService) {
    super();
  }

  async process(job: Job): Promise<{ done: boolean; held?: string[] }> {
    switch (job.name) {
      case MARK_HELD_JOB:
        return { done: true, held: await this.jobs.markHeld(new Date()) };
      case REVISED_AGENDA_JOB:
        return { done: await this.jobs.sendRevisedAgenda(String(job.data.meetingId), String(job.data.dueAt)) };
      default:
        throw new Error(`meetings does not handle ${job.name} jobs`);
    }
  }
}

/** Registers the repeatable "held" sweep (upserted: every worker start-up is idempotent) and sweeps once at start. */
@Injectable()
export class MeetingJobsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('MeetingJobs');

  constructor(
    @InjectQueue(QUEUES.meetings) private readonly queue: Queue,
    private readonly jobs: MeetingJobsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(MARK_HELD_JOB, { every: MARK_HELD_EVERY_MS }, { name: MARK_HELD_JOB, data: {} });
    await this.jobs.markHeld(new Date()).catch((error: Error) => this.logger.error(`held sweep at start failed: ${error.message}`));
  }
}
