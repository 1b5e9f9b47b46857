import type { Readable } from 'node:stream';

/** Bytes staged by `stage`, not yet under their final key. */
export interface StagedFile {
  readonly token: string;
}

export interface StoredStat {
  size: number;
  modifiedAt: Date;
}

/**
 * Where document bytes live: the local filesystem (the embedded default) or an S3-compatible bucket.
 * Files are content-addressed (`blobKey(sha256)`): staged while they stream in and are hashed, then moved
 * under their key, so a key always names complete bytes.
 */
export interface DocumentStorage {
  readonly driver: 'filesystem' | 's3';
  /** streams the source into a staging area (consuming it whole); the caller hashes it on the way */
  stage(source: Readable): Promise<StagedFile>;
  /** moves staged bytes under `key` (a key already present holds the same bytes: the staged copy is dropped) */
  commit(staged: StagedFile, key: string): Promise<void>;
  discard(staged: StagedFile): Promise<void>;
  /** the bytes, or the inclusive range `start..end` of them */
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  stat(key: string): Promise<StoredStat | null>;
  remove(key: string): Promise<void>;
  /** every key under the prefix, for the orphan sweep */
  list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }>;
  /** staged bytes older than `before` (an upload cut off mid-way); returns how many were removed */
  sweepStaging(before: Date): Promise<number>;
  close(): Promise<void>;
}

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

export const BLOB_PREFIX = 'sha256/';
export const PACKET_PREFIX = 'packets/';

/** The key of a file's bytes: its SHA-256, fanned out over 256 directories. */
export const blobKey = (sha256: string): string => `${BLOB_PREFIX}${sha256.slice(0, 2)}/${sha256}`;
export const shaOfBlobKey = (key: string): string | null => {
  const m = /^sha256\/[0-9a-f]{2}\/([0-9a-f]{64})$/.exec(key);
  return m ? m[1] : null;
};
