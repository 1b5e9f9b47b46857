import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export type ExtractionStatus = 'extracted' | 'unsupported' | 'failed';

export interface Extraction {
  status: ExtractionStatus;
  text: string | null;
}

/** enough for any paper's words; a longer text is cut (its title still finds it) */
export const MAX_TEXT_CHARS = 2_000_000;
const PDF_TIME_LIMIT_MS = 60_000;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Text without NULs or control characters, which Postgres' text type and the search parser refuse or trip on. */
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ').slice(0, MAX_TEXT_CHARS);

/**
 * The words inside a file, for search: PDF through pdfjs-dist (in a child process with a time limit), DOCX through
 * mammoth, plain text and CSV as UTF-8. Anything else is 'unsupported' and is found by its title only.
 */
export async function extractText(bytes: Buffer, contentType: string): Promise<Extraction> {
  try {
    if (contentType === 'application/pdf') return { status: 'extracted', text: clean(await pdfText(bytes)) };
    if (contentType === DOCX) {
      const mammoth = await import('mammoth');
      return { status: 'extracted', text: clean((await mammoth.extractRawText({ buffer: bytes })).value) };
    }
    if (contentType.startsWith('text/') || contentType === 'application/csv') return { status: 'extracted', text: clean(bytes.toString('utf8')) };
    return { status: 'unsupported', text: null };
  } catch {
    return { status: 'failed', text: null };
  }
}

async function pdfText(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'forum-text-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, bytes);
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'pdf-text.mjs'), file, String(MAX_TEXT_CHARS)], {
      maxBuffer: MAX_TEXT_CHARS * 4 + 1024,
      timeout: PDF_TIME_LIMIT_MS,
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
