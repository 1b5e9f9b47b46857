import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { QUEUES } from '@forum/contracts';
import { DocumentTextService, EXTRACT_TEXT_JOB } from './document-text.service';

/** Reads a document's words for search; one at a time per worker (PDFs are parsed in a child process). */
@Processor(QUEUES.documentText, { concurrency: 1 })
export class DocumentTextProcessor extends WorkerHost {
  constructor(private readonly texts: DocumentTextService) {
    super();
  }

  async process(job: Job<{ documentId: string }>): Promise<{ status: string }> {
    if (job.name !== EXTRACT_TEXT_JOB) throw new Error(`documents does not handle ${job.name} jobs`);
    return { status: await this.texts.extract(job.data.documentId) };
  }
}

/** At every worker start, queues the documents whose text was never read (so an emptied Redis loses none). */
@Injectable()
export class DocumentTextCatchUp implements OnApplicationBootstrap {
  private readonly logger = new Logger('DocumentText');

  constructor(
    @InjectQueue(QUEUES.documentText) private readonly queue: Queue,
    private readonly texts: DocumentTextService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const ids = await this.texts.pending();
      if (ids.length)
        await this.queue.addBulk(
          ids.map((documentId) => ({ name: EXTRACT_TEXT_JOB, data: { documentId }, opts: { jobId: `text-catch-up-${documentId}-${Date.now()}` } })),
        );
    } catch (error) {
      this.logger.warn(`could not queue the pending document texts: ${(error as Error).message}`);
    }
  }
}
