import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { invalid } from '@forum/core';
import type { DocumentStorage, StagedFile } from './document-storage';
import { cleanFileName } from './file-type.rule';
import { UploadInspector } from './upload-inspector';

export interface ReceivedFile {
  staged: StagedFile;
  fileName: string;
  declaredType: string;
  size: number;
  sha256: string;
  head: Buffer;
  utf8Text: boolean;
  tooLarge: boolean;
}

export interface ReceivedUpload {
  /** every text field, repeated fields in order */
  fields: Record<string, string[]>;
  file: ReceivedFile | null;
}

type MultipartPart =
  | { type: 'file'; fieldname: string; filename: string; mimetype: string; file: Readable & { truncated?: boolean } }
  | { type: 'field'; fieldname: string; value: unknown };

/**
 * Reads a multipart upload: the one `file` part is streamed through the inspector into the storage's
 * staging area (never held whole in memory), the other parts are collected as text fields. The caller
 * commits or discards the staged file.
 */
export async function receiveUpload(request: FastifyRequest, storage: DocumentStorage, maxBytes: number): Promise<ReceivedUpload> {
  const req = request as FastifyRequest & { isMultipart?: () => boolean; parts?: () => AsyncIterable<MultipartPart> };
  if (!req.isMultipart?.() || !req.parts) throw invalid('the request must be multipart/form-data with a file field');
  const fields: Record<string, string[]> = {};
  let file: ReceivedFile | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          throw invalid(part.fieldname !== 'file' ? `unexpected file field ${part.fieldname}: send the file as "file"` : 'send one file');
        }
        const inspector = new UploadInspector(maxBytes);
        const staged = await storage.stage(part.file.pipe(inspector));
        file = {
          staged,
          fileName: cleanFileName(part.filename),
          declaredType: part.mimetype ?? '',
          size: inspector.size,
          sha256: inspector.sha256,
          head: inspector.head,
          utf8Text: inspector.textual,
          tooLarge: inspector.tooLarge || part.file.truncated === true,
        };
      } else {
        if (typeof part.value !== 'string') continue;
        (fields[part.fieldname] ??= []).push(part.value);
      }
    }
  } catch (error) {
    if (file) await storage.discard(file.staged).catch(() => undefined);
    if ((error as { code?: string }).code?.startsWith('FST_')) throw invalid(`malformed upload: ${(error as Error).message}`);
    throw error;
  }
  return { fields, file };
}
