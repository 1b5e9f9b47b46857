import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BLOB_PREFIX, DOCUMENT_STORAGE, type DocumentStorage, shaOfBlobKey } from './document-storage';
import { DocumentRepository } from './document.repository';

/** an upload in flight is staged, then committed, then recorded: anything younger may still be on its way */
export const SWEEP_GRACE_MS = 60 * 60 * 1000;
const SWEEP_EVERY_MS = 6 * 60 * 60 * 1000;

export interface SweepResult {
  orphans: number;
  staged: number;
}

/**
 * Finds bytes no version holds (an upload whose process died between storing and recording) and removes
 * them, with staged files left by cut-off uploads. The worker runs it at start and every six hours.
 */
@Injectable()
export class DocumentSweep {
  private readonly logger = new Logger('DocumentSweep');

  constructor(
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly documents: DocumentRepository,
  ) {}

  async sweep(graceMs = SWEEP_GRACE_MS): Promise<SweepResult> {
    const before = new Date(Date.now() - graceMs);
    let orphans = 0;
    let batch: { key: string; sha: string }[] = [];
    const flush = async () => {
      const referenced = await this.documents.referenced(batch.map((b) => b.sha));
      for (const b of batch) {
        if (!referenced.has(b.sha)) {
          await this.storage.remove(b.key);
          orphans++;
        }
      }
      batch = [];
    };
    for await (const object of this.storage.list(BLOB_PREFIX)) {
      const sha = shaOfBlobKey(object.key);
      if (!sha || object.modifiedAt >= before) continue;
      batch.push({ key: object.key, sha });
      if (batch.length >= 500) await flush();
    }
    await flush();
    const staged = await this.storage.sweepStaging(before);
    if (orphans || staged) this.logger.log(`removed ${orphans} orphaned and ${staged} staged document files`);
    return { orphans, staged };
  }
}

/** The worker's schedule for the sweep. */
@Injectable()
export class DocumentSweepSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DocumentSweep');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly sweep: DocumentSweep) {}

  onApplicationBootstrap(): void {
    const run = () => void this.sweep.sweep().catch((e) => this.logger.warn(`sweep failed: ${(e as Error).message}`));
    run();
    this.timer = setInterval(run, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
