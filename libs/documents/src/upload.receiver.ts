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
  // an error of the request itself (cut off, malformed, over a multipart limit) is the client's: a 400
  let requestError: Error | null = null;
  const iterator = req.parts()[Symbol.asyncIterator]();
  const next = () =>
    iterator.next().catch((error: Error) => {
      requestError = error;
      throw error;
    });
  try {
    for (let step = await next(); !step.done; step = await next()) {
      const part = step.value;
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          throw invalid(part.fieldname !== 'file' ? `unexpected file field ${part.fieldname}: send the file as "file"` : 'send one file');
        }
        const inspector = new UploadInspector(maxBytes);
        // pipe() does not pass errors on: a request cut off mid-file must fail the staging, not leave it waiting
        part.file.once('error', (error) => {
          requestError = error;
          inspector.destroy(error);
        });
        // a client that goes away mid-file: its socket closes, and the staging stops with it
        const socket = request.raw.socket;
        const cutOff = () => {
          requestError ??= new Error('the connection closed inside the file');
          inspector.destroy(requestError);
        };
        socket?.once('close', cutOff);
        const staged = await storage.stage(part.file.pipe(inspector)).finally(() => socket?.off('close', cutOff));
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
    if (requestError || (error as { code?: string }).code?.startsWith('FST_')) throw invalid(`malformed upload: ${((requestError ?? error) as Error).message}`);
    throw error;
  }
  return { fields, file };
}
