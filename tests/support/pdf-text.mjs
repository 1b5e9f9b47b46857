// Prints { pages, text[], title, language, outline[] } of the PDF named on the command line, read by pdfjs-dist.
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(await readFile(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
const text = [];
for (let i = 1; i <= pdf.numPages; i++) {
  const page = await pdf.getPage(i);
  const content = await page.getTextContent();
  text.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
}
const meta = await pdf.getMetadata();
const outline = ((await pdf.getOutline()) ?? []).map((o) => o.title);
const language = meta.info?.Language ?? null;
process.stdout.write(JSON.stringify({ pages: pdf.numPages, text, title: meta.info?.Title ?? null, language, outline }));
await pdf.destroy();
