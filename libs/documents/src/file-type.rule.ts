import { extname } from 'node:path';

export interface DetectedType {
  ext: string;
  mime: string;
}

export type TypeVerdict = { ok: true; contentType: string } | { ok: false; message: string };

const TEXT_EXTENSIONS: Record<string, string> = {
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
};
const TEXT_MIMES = new Set(['text/plain', 'text/csv', 'text/markdown', 'text/tab-separated-values', 'application/json', 'application/csv']);

/** Formats file-type names differently from the file's extension, or containers several formats share. */
const SAME_FORMAT: Record<string, string[]> = {
  jpg: ['jpeg', 'jpe'],
  tif: ['tiff'],
  zip: ['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'],
  cfb: ['doc', 'xls', 'ppt', 'msg'],
  xml: ['xml', 'svg'],
};

export const extensionOf = (fileName: string): string => extname(fileName).replace(/^\./, '').toLowerCase();

/**
 * Whether the bytes are what the file says it is. `detected` is file-type's reading of the first bytes (null:
 * no known magic number). Text files have none: they pass when their name or declared type is textual and
 * the bytes are UTF-8 without NULs. The content type kept is the one read from the bytes, never the declared one.
 */
export function judgeFileType(detected: DetectedType | null, fileName: string, declaredType: string, utf8Text: boolean): TypeVerdict {
  const ext = extensionOf(fileName);
  const declared = declaredType.split(';')[0].trim().toLowerCase();
  if (detected) {
    const sameExt = ext === detected.ext || (SAME_FORMAT[detected.ext] ?? []).includes(ext);
    const noClaim = ext === '' && (declared === '' || declared === 'application/octet-stream');
    if (sameExt || declared === detected.mime || noClaim) return { ok: true, contentType: detected.mime };
    return {
      ok: false,
      message: `the file's bytes are ${detected.mime} (.${detected.ext}), not what its name or type says (${fileName}, ${declared || 'no type'})`,
    };
  }
  const textual = ext in TEXT_EXTENSIONS || TEXT_MIMES.has(declared);
  if (textual && utf8Text) {
    // kept as one of a few inert text types: an uploaded text is never served as HTML or script
    const type = TEXT_EXTENSIONS[ext] ?? (TEXT_MIMES.has(declared) ? declared : 'text/plain');
    return { ok: true, contentType: type === 'application/json' ? type : `${type}; charset=utf-8` };
  }
  if (textual) return { ok: false, message: `${fileName} is declared as text but its bytes are not UTF-8 text` };
  return { ok: false, message: `the type of ${fileName} could not be recognised from its bytes` };
}

/** A file name as uploaded, without directories or control characters, at most 255 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (cleaned || 'document').slice(0, 255);
}
