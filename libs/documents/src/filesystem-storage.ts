import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DocumentStorage, StagedFile, StoredStat } from './document-storage';

const STAGING = '.staging';

/** Files under one directory: staged in `.staging/`, then renamed (atomically, same filesystem) under their key. */
export class FilesystemStorage implements DocumentStorage {
  readonly driver = 'filesystem' as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    const full = resolve(this.root, key);
    if (!full.startsWith(this.root + sep)) throw new Error(`storage key outside the root: ${key}`);
    return full;
  }

  async stage(source: Readable): Promise<StagedFile> {
    const token = randomUUID();
    const path = join(this.root, STAGING, token);
    await mkdir(dirname(path), { recursive: true });
    try {
      await pipeline(source, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { token };
  }

  async commit(staged: StagedFile, key: string): Promise<void> {
    const from = join(this.root, STAGING, staged.token);
    const to = this.path(key);
    if (await this.stat(key)) {
      await rm(from, { force: true });
      return;
    }
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
  }

  async discard(staged: StagedFile): Promise<void> {
    await rm(join(this.root, STAGING, staged.token), { force: true });
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const path = this.path(key);
    await stat(path); // a missing file rejects here rather than inside the response stream
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<StoredStat | null> {
    try {
      const s = await stat(this.path(key));
      return { size: s.size, modifiedAt: s.mtime };
    } catch {
      return null;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    const walk = async function* (dir: string, root: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) yield* walk(full, root);
        else if (entry.isFile()) {
          const s = await stat(full).catch(() => null);
          if (s) yield { key: relative(root, full).split(sep).join('/'), modifiedAt: s.mtime };
        }
      }
    };
    yield* walk(this.path(prefix.replace(/\/$/, '')), this.root);
  }

  /** staged files older than `before` (an upload that crashed mid-way), removed by the sweep */
  async sweepStaging(before: Date): Promise<number> {
    let removed = 0;
    const dir = join(this.root, STAGING);
    const entries = await readdir(dir).catch(() => [] as string[]);
    for (const name of entries) {
      const s = await stat(join(dir, name)).catch(() => null);
      if (s && s.mtime < before) {
        await rm(join(dir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  async close(): Promise<void> {}
}
