import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Readable } from 'node:stream';
import { blobKey, DOCUMENT_STORAGE, type DocumentStorage } from '../document-storage';
import { LegacyBlobs } from '../legacy-blobs.service';
import { extractText, MAX_TEXT_CHARS } from './document-text.extractor';

export const EXTRACT_TEXT_JOB = 'documents.extract-text';

/** files larger than this are found by their title only: reading them would cost more than their words are worth */
const MAX_EXTRACT_BYTES = 60 * 1024 * 1024;

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads the words inside each document's latest version (PDF, DOCX, text) into `document.content_text`, which the
 * search indexes. Keyed by the version's hash: a newer version makes the document pending again, and a job that
 * arrives after a newer version was uploaded writes nothing.
 */
@Injectable()
export class DocumentTextService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly legacy: LegacyBlobs,
  ) {}

  async extract(documentId: string): Promise<'extracted' | 'unsupported' | 'failed' | 'skipped'> {
    const rows: { sha256: string; content_type: string; size: string; number: number; content_sha256: string | null }[] = await this.dataSource.query(
      `SELECT v.sha256, v.content_type, v.size, v.number, d.content_sha256
         FROM document d JOIN document_version v ON v.document_id = d.id AND v.number = d.latest_version WHERE d.id = $1`,
      [documentId],
    );
    const version = rows[0];
    if (!version || version.content_sha256 === version.sha256) return 'skipped';
    let result: { status: 'extracted' | 'unsupported' | 'failed'; text: string | null };
    if (Number(version.size) > MAX_EXTRACT_BYTES) {
      result = { status: 'unsupported', text: null };
    } else {
      const stream = (await this.storage.stat(blobKey(version.sha256)))
        ? await this.storage.read(blobKey(version.sha256))
        : await this.legacy.read(version.sha256);
      result = stream ? await extractText(await bytesOf(stream), version.content_type) : { status: 'failed', text: null };
    }
    await this.dataSource.query(`UPDATE document SET content_text = $2, content_status = $3, content_sha256 = $4 WHERE id = $1 AND latest_version = $5`, [
      documentId,
      result.text?.slice(0, MAX_TEXT_CHARS) ?? null,
      result.status,
      version.sha256,
      version.number,
    ]);
    return result.status;
  }

  /** documents whose latest version has not been read yet (a job lost with Redis, or uploaded while no worker ran) */
  async pending(limit = 200): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT d.id FROM document d JOIN document_version v ON v.document_id = d.id AND v.number = d.latest_version
        WHERE d.content_sha256 IS DISTINCT FROM v.sha256 ORDER BY d.updated_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }
}
