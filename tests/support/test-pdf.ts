import { execFile } from 'node:child_process';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A small PDF with one line of text per page. */
export async function makePdf(pages: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = pdf.addPage([612, 792]);
    page.drawText(text, { x: 72, y: 700, size: 14, font });
  }
  return pdf.save();
}

export interface PdfText {
  pages: number;
  /** the text of each page */
  text: string[];
  title: string | null;
  language: string | null;
  outline: string[];
}

/**
 * The text of a PDF as pdfjs-dist reads it. pdfjs is an ES module that jest's CommonJS runtime cannot load,
 * so it runs in a plain Node process (tests/support/pdf-text.mjs).
 */
export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const dir = await mkdtemp(join(tmpdir(), 'forum-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, bytes);
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'pdf-text.mjs'), file], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
