import PDFDocument from 'pdfkit';
import type { DocumentMarking, Locale } from '@forum/contracts';
import { PDF_FONTS } from './pdf-fonts';

export const MARKING_LABEL: Record<DocumentMarking, Record<Locale, string>> = {
  unclassified: { en: 'UNCLASSIFIED', fr: 'NON CLASSIFIÉ' },
  protected_a: { en: 'PROTECTED A', fr: 'PROTÉGÉ A' },
  protected_b: { en: 'PROTECTED B', fr: 'PROTÉGÉ B' },
};

const MARKING_ORDER: DocumentMarking[] = ['unclassified', 'protected_a', 'protected_b'];
export const highestMarking = (markings: DocumentMarking[]): DocumentMarking =>
  markings.reduce<DocumentMarking>((top, m) => (MARKING_ORDER.indexOf(m) > MARKING_ORDER.indexOf(top) ? m : top), 'unclassified');

/** French typography: a narrow no-break space before « ; : ! ? » and inside guillemets. */
export function frenchTypography(text: string): string {
  return text
    .replace(/'/g, '’')
    .replace(/\s*([;:!?»])/g, (m, p: string) => (/\d/.test(p) ? m : `\u202f${p}`))
    .replace(/«\s*/g, '«\u202f');
}

/**
 * A tagged, accessible PDF laid out with pdfkit: document language and title in the catalog, headings,
 * paragraphs and list items as structure elements in reading order, fonts embedded, the marking stamped on
 * each page (as an artifact, outside the reading order).
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly root: PDFKit.PDFStructureElement;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(
    readonly lang: Locale,
    readonly title: string,
    private readonly marking: DocumentMarking,
    subject?: string,
  ) {
    this.doc = new PDFDocument({
      size: 'LETTER',
      margins: { top: 72, bottom: 72, left: 72, right: 72 },
      pdfVersion: '1.7',
      tagged: true,
      lang: lang === 'fr' ? 'fr-CA' : 'en-CA',
      displayTitle: true,
      bufferPages: true,
      font: PDF_FONTS.regular(),
      info: { Title: title, Author: 'Forum', Subject: subject ?? title, Creator: 'Forum' },
    });
    this.doc.registerFont('regular', PDF_FONTS.regular());
    this.doc.registerFont('bold', PDF_FONTS.bold());
    this.doc.registerFont('italic', PDF_FONTS.italic());
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  private t(text: string): string {
    return this.lang === 'fr' ? frenchTypography(text) : text;
  }

  heading(level: 1 | 2 | 3, text: string): this {
    const size = level === 1 ? 20 : level === 2 ? 15 : 12.5;
    this.doc.moveDown(level === 1 ? 0 : 0.6);
    this.root.add(this.doc.struct(`H${level}`, {}, () => this.doc.font('bold').fontSize(size).fillColor('#000').text(this.t(text))));
    this.doc.moveDown(0.3);
    return this;
  }

  paragraph(text: string, options: { italic?: boolean; size?: number } = {}): this {
    for (const para of text.split(/\n{2,}/)) {
      if (!para.trim()) continue;
      this.root.add(
        this.doc.struct('P', {}, () =>
          this.doc
            .font(options.italic ? 'italic' : 'regular')
            .fontSize(options.size ?? 11)
            .fillColor('#000')
            .text(this.t(para.trim())),
        ),
      );
      this.doc.moveDown(0.4);
    }
    return this;
  }

  list(items: string[]): this {
    if (!items.length) return this;
    const list = this.doc.struct('L');
    this.root.add(list);
    for (const item of items) {
      list.add(
        this.doc.struct('LI', {}, [
          this.doc.struct('LBody', {}, () =>
            this.doc
              .font('regular')
              .fontSize(11)
              .text(`•  ${this.t(item)}`, { indent: 12 }),
          ),
        ]),
      );
    }
    list.end();
    this.doc.moveDown(0.4);
    return this;
  }

  newPage(): this {
    this.doc.addPage();
    return this;
  }

  /** the number of pages laid out so far */
  get pageCount(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count;
  }

  async finish(): Promise<Buffer> {
    this.root.end();
    const label = MARKING_LABEL[this.marking][this.lang];
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.doc.font('bold').fontSize(9).fillColor('#000');
      this.doc.text(label, 72, 36, { width: this.doc.page.width - 144, align: 'right', lineBreak: false });
      this.doc
        .font('regular')
        .text(`${i + 1} / ${range.count}`, 72, this.doc.page.height - 48, { width: this.doc.page.width - 144, align: 'center', lineBreak: false });
      this.doc.endMarkedContent();
      this.doc.page.margins.bottom = bottom;
    }
    this.doc.end();
    return this.done;
  }
}

/** Markdown to the plain paragraphs a PDF shows (headings, emphasis and links reduced to their text). */
export function markdownToParagraphs(markdown: string): string[] {
  return markdown
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) =>
      p
        .replace(/^#{1,6}\s+/gm, '')
        .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, '$1$2')
        .replace(/\*([^*]+)\*|_([^_]+)_/g, '$1$2')
        .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
        .replace(/^\s*[-*+]\s+/gm, '• ')
        .replace(/`([^`]+)`/g, '$1')
        .trim(),
    )
    .filter(Boolean);
}
