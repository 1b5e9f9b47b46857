import { dirname, join } from 'node:path';

/**
 * The fonts embedded in every generated PDF: Liberation Sans (SIL Open Font License), which renders French
 * typography (« é », « œ », « ’ », non-breaking spaces). It ships with pdfjs-dist, already a dependency, so a
 * fresh clone has it without fetching anything.
 */
const dir = () => join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts');

export const PDF_FONTS = {
  regular: () => join(dir(), 'LiberationSans-Regular.ttf'),
  bold: () => join(dir(), 'LiberationSans-Bold.ttf'),
  italic: () => join(dir(), 'LiberationSans-Italic.ttf'),
};
