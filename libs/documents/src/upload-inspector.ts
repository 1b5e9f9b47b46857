import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';

/** The bytes file-type needs to recognise a format (its own sample size). */
export const HEAD_BYTES = 4100;

/**
 * Sits between the upload and the storage: hashes and counts the bytes, keeps the first few for type
 * detection, checks that they are UTF-8 without NULs (for text files, which have no magic number), and stops
 * passing bytes on past `maxBytes` (the rest is drained and dropped, the upload then refused).
 */
export class UploadInspector extends Transform {
  private readonly hash = createHash('sha256');
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private headChunks: Buffer[] = [];
  private headLength = 0;
  size = 0;
  tooLarge = false;
  textual = true;
  sha256 = '';

  constructor(private readonly maxBytes: number) {
    super();
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks).subarray(0, HEAD_BYTES);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.tooLarge) return done();
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      this.tooLarge = true;
      return done();
    }
    this.hash.update(chunk);
    if (this.headLength < HEAD_BYTES) {
      this.headChunks.push(chunk.subarray(0, HEAD_BYTES - this.headLength));
      this.headLength += Math.min(chunk.length, HEAD_BYTES - this.headLength);
    }
    if (this.textual) {
      if (chunk.includes(0)) this.textual = false;
      else {
        try {
          this.decoder.decode(chunk, { stream: true });
        } catch {
          this.textual = false;
        }
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.textual && !this.tooLarge) {
      try {
        this.decoder.decode();
      } catch {
        this.textual = false;
      }
    }
    this.sha256 = this.hash.digest('hex');
    done();
  }
}
