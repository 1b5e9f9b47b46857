import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, StandardFonts, rgb } from 'pdf-lib';

export interface Bookmark {
  title: string;
  /** zero-based page index in the merged document */
  pageIndex: number;
}

/**
 * Appends the pages of `paper` to `target` and stamps `stamp` at the top of each (the paper's marking).
 * Returns the index of its first page, or null when the file cannot be read as a PDF.
 */
export async function appendPdf(target: PDFDocument, paper: Uint8Array, stamp: string): Promise<number | null> {
  let source: PDFDocument;
  try {
    source = await PDFDocument.load(paper, { ignoreEncryption: false, updateMetadata: false });
  } catch {
    return null;
  }
  const first = target.getPageCount();
  const font = await target.embedFont(StandardFonts.HelveticaBold);
  const pages = await target.copyPages(source, source.getPageIndices());
  for (const page of pages) {
    target.addPage(page);
    const { width, height } = page.getSize();
    const size = 9;
    const textWidth = font.widthOfTextAtSize(stamp, size);
    page.drawText(stamp, { x: Math.max(8, width - 36 - textWidth), y: height - 24, size, font, color: rgb(0, 0, 0) });
  }
  return first;
}

/** The document outline (bookmarks), flat, in the order given, through pdf-lib's object model. */
export function setOutline(pdf: PDFDocument, bookmarks: Bookmark[]): void {
  if (!bookmarks.length) return;
  const context = pdf.context;
  const outlineRef = context.nextRef();
  const refs: PDFRef[] = bookmarks.map(() => context.nextRef());
  const pages = pdf.getPages();
  bookmarks.forEach((b, i) => {
    const entries: Record<string, unknown> = {
      Title: PDFHexString.fromText(b.title),
      Parent: outlineRef,
      Dest: context.obj([pages[b.pageIndex].ref, PDFName.of('Fit')]),
    };
    if (i > 0) entries.Prev = refs[i - 1];
    if (i < refs.length - 1) entries.Next = refs[i + 1];
    context.assign(refs[i], context.obj(entries as never) as unknown as PDFDict);
  });
  context.assign(
    outlineRef,
    context.obj({ Type: PDFName.of('Outlines'), First: refs[0], Last: refs[refs.length - 1], Count: PDFNumber.of(refs.length) } as never) as unknown as PDFDict,
  );
  pdf.catalog.set(PDFName.of('Outlines'), outlineRef);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
