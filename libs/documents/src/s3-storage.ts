import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { DocumentStorage, StagedFile, StoredStat } from './document-storage';

const STAGING = 'staging/';
/** 8 MiB parts, two in flight: an upload of any size holds about 16 MiB */
const PART_SIZE = 8 * 1024 * 1024;

export interface S3Location {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  region: string;
}

/** `http(s)://key:secret@host:port/bucket` → where and how to reach the bucket (path-style). */
export function parseS3Url(raw: string): S3Location {
  const url = new URL(raw);
  const bucket = decodeURIComponent(url.pathname.replace(/^\/+/, '').split('/')[0] ?? '');
  if (!bucket) throw new Error('S3_URL must name the bucket: http(s)://key:secret@host:port/bucket');
  return {
    endpoint: `${url.protocol}//${url.host}`,
    accessKeyId: decodeURIComponent(url.username),
    secretAccessKey: decodeURIComponent(url.password),
    bucket,
    region: url.searchParams.get('region') ?? 'us-east-1',
  };
}

/** Any S3-compatible bucket (MinIO, AWS, s3rver in tests): staged under `staging/`, then copied under its key. */
export class S3Storage implements DocumentStorage {
  readonly driver = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private bucketReady: Promise<void> | null = null;

  constructor(location: S3Location) {
    this.bucket = location.bucket;
    this.client = new S3Client({
      endpoint: location.endpoint,
      region: location.region,
      forcePathStyle: true,
      credentials: { accessKeyId: location.accessKeyId, secretAccessKey: location.secretAccessKey },
    });
  }

  /** creates the bucket on first use when it is missing (a fresh MinIO) */
  private ready(): Promise<void> {
    this.bucketReady ??= (async () => {
      try {
        await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      } catch {
        await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
      }
    })().catch((error) => {
      this.bucketReady = null;
      throw error;
    });
    return this.bucketReady;
  }

  async stage(source: Readable): Promise<StagedFile> {
    await this.ready();
    const token = randomUUID();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: STAGING + token, Body: source },
      partSize: PART_SIZE,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      source.resume();
      await this.remove(STAGING + token).catch(() => undefined);
      throw error;
    }
    return { token };
  }

  async commit(staged: StagedFile, key: string): Promise<void> {
    if (!(await this.stat(key))) {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: `${this.bucket}/${STAGING}${staged.token}` }));
    }
    await this.discard(staged);
  }

  async discard(staged: StagedFile): Promise<void> {
    await this.remove(STAGING + staged.token);
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    await this.ready();
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
    return out.Body as Readable;
  }

  async stat(key: string): Promise<StoredStat | null> {
    await this.ready();
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: Number(head.ContentLength ?? 0), modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await this.ready();
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    await this.ready();
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key) yield { key: object.Key, modifiedAt: object.LastModified ?? new Date(0) };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** staged objects older than `before`, removed by the sweep */
  async sweepStaging(before: Date): Promise<number> {
    let removed = 0;
    for await (const object of this.list(STAGING)) {
      if (object.modifiedAt < before) {
        await this.remove(object.key);
        removed++;
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
