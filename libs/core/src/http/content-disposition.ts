/**
 * `Content-Disposition` for any file name (RFC 6266): an ASCII `filename` for old clients and the exact name
 * in `filename*` (RFC 5987, UTF-8 percent-encoded), e.g. "Plan d’action.pdf".
 */
export function contentDisposition(type: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
