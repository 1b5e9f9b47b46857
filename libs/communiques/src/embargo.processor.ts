import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES } from '@forum/contracts';
import { CommuniquePublicationService } from './communique-publication.service';
import { EMBARGO_JOB } from './communique.events';

/**
 * How often the worker looks for an embargo whose job was lost (Redis flushed without persistence, a job
 * removed by hand). Short, because the query is one UPDATE on a partial index that is empty almost always.
 */
export const EMBARGO_SWEEP_MS = 5_000;

/**
 * Runs the delayed embargo job. It does not trust the job's data beyond its name: whatever is due is
 * published, once, by the conditional update in publishDueEmbargoes. The queue is this processor's own;
 * a job of another name was misrouted and fails loudly rather than being completed silently.
 */
@Processor(QUEUES.embargoes)
export class EmbargoProcessor extends WorkerHost {
  constructor(private readonly publication: CommuniquePublicationService) {
    super();
  }

  async process(job: Job): Promise<{ done: true; published: string[] }> {
    if (job.name !== EMBARGO_JOB) throw new Error(`communiques does not handle ${job.name} jobs`);
    return { done: true, published: await this.publication.publishDueEmbargoes(new Date()) };
  }
}

/** On start and at intervals: publishes any overdue embargo, so a restart or a lost job never keeps text back. */
@Injectable()
export class EmbargoSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EmbargoSweep');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly publication: CommuniquePublicationService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), EMBARGO_SWEEP_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async sweep(): Promise<string[]> {
    try {
      return await this.publication.publishDueEmbargoes(new Date());
    } catch (error) {
      this.logger.error(`embargo sweep failed: ${(error as Error).message}`);
      return [];
    }
  }
}
