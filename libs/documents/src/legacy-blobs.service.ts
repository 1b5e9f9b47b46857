import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { blobKey, DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';

/**
 * The bytes of agenda papers uploaded before the documents library, left by the migration in
 * `document_legacy_blob`. Served from there until moved; each process moves them into the storage at start
 * (content-addressed, so two processes moving the same one store it once).
 */
@Injectable()
export class LegacyBlobs implements OnApplicationBootstrap {
  private readonly logger = new Logger('LegacyBlobs');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  onApplicationBootstrap(): void {
    void this.moveAll().catch((e) => this.logger.warn(`moving legacy paper bytes: ${(e as Error).message}; retried at next start`));
  }

  /** a range of the bytes (inclusive), or null when there is no such legacy blob */
  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable | null> {
    const rows: { content: Buffer }[] = await this.dataSource.query(`SELECT content FROM document_legacy_blob WHERE sha256 = $1`, [sha256]);
    if (!rows.length) return null;
    const content = rows[0].content;
    return Readable.from([range ? content.subarray(range.start, range.end + 1) : content]);
  }

  async moveAll(): Promise<number> {
    let moved = 0;
    for (;;) {
      const rows: { sha256: string }[] = await this.dataSource.query(`SELECT sha256 FROM document_legacy_blob ORDER BY sha256 LIMIT 20`);
      if (!rows.length) return moved;
      for (const { sha256 } of rows) {
        const stream = await this.read(sha256);
        if (stream) {
          const staged = await this.storage.stage(stream);
          await this.storage.commit(staged, blobKey(sha256));
        }
        await this.dataSource.query(`DELETE FROM document_legacy_blob WHERE sha256 = $1`, [sha256]);
        moved++;
      }
    }
  }
}
