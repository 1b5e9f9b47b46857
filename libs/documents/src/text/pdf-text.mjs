// The text of a PDF, read by pdfjs-dist in a process of its own: pdfjs is an ES module, and a hostile or huge
// file costs this process, not the worker, which kills it at its time limit. Usage: node pdf-text.mjs <file>
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const MAX_CHARS = Number(process.argv[3] ?? 2_000_000);
const data = new Uint8Array(await readFile(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
let text = '';
for (let n = 1; n <= pdf.numPages && text.length < MAX_CHARS; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  text += content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('') + '\n';
  page.cleanup();
}
await pdf.destroy();
process.stdout.write(text.slice(0, MAX_CHARS));
