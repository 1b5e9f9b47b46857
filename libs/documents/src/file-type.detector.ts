import type { DetectedType } from './file-type.rule';

type FileTypeModule = { fileTypeFromBuffer(buffer: Uint8Array): Promise<{ ext: string; mime: string } | undefined> };
let loaded: Promise<FileTypeModule> | null = null;

/** file-type (an ES module; its core needs no filesystem) reads the format from the first bytes. */
export async function detectFileType(head: Buffer): Promise<DetectedType | null> {
  loaded ??= import('file-type/core') as unknown as Promise<FileTypeModule>;
  const found = await (await loaded).fileTypeFromBuffer(head);
  return found ? { ext: found.ext, mime: found.mime } : null;
}
