import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export type StorageDriver = 'filesystem' | 's3';

export interface TestStorage {
  driver: StorageDriver;
  /** the app's environment for this storage */
  env: Record<string, string>;
  /** every stored key (files of the filesystem driver, objects of the bucket) */
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

/** A document storage of the test's own: a temporary directory, or an s3rver on a free port over one. */
export async function startTestStorage(driver: StorageDriver): Promise<TestStorage> {
  const dir = await mkdtemp(join(tmpdir(), `forum-documents-${driver}-`));
  if (driver === 'filesystem') {
    return {
      driver,
      env: { FORUM_DOCUMENTS_DIR: dir },
      keys: () => listFiles(dir),
      close: () => rm(dir, { recursive: true, force: true }),
    };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver');
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'forum-documents' }] });
  await server.run();
  const { S3Client, ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return {
    driver,
    env: { S3_URL: `http://S3RVER:S3RVER@127.0.0.1:${port}/forum-documents` },
    async keys() {
      const out = await client.send(new ListObjectsV2Command({ Bucket: 'forum-documents' }));
      return (out.Contents ?? []).map((o) => o.Key!).sort();
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    if (e.isDirectory()) out.push(...(await listFiles(join(dir, e.name), `${prefix}${e.name}/`)));
    else out.push(prefix + e.name);
  }
  return out.sort();
}

export interface UploadOptions {
  token: string;
  file?: { name: string; type: string; bytes: Uint8Array } | null;
  fields?: Record<string, string | string[]>;
}

/** POST multipart/form-data as a browser's FormData does. */
export async function upload(baseUrl: string, path: string, options: UploadOptions): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(options.fields ?? {})) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  if (options.file) form.append('file', new Blob([options.file.bytes], { type: options.file.type }), options.file.name);
  const res = await fetch(baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${options.token}` }, body: form });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}
