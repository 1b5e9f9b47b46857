import { contentDisposition, parseRange } from './http-content.rule';
import { judgeFileType } from './file-type.rule';

describe('downloads', () => {
  it('name any Unicode file in filename* and give an ASCII fallback', () => {
    expect(contentDisposition('attachment', 'Plan d’action.pdf')).toBe(
      `attachment; filename="Plan d_action.pdf"; filename*=UTF-8''Plan%20d%E2%80%99action.pdf`,
    );
    expect(contentDisposition('inline', 'Évaluation "finale" (v2).pdf')).toBe(
      `inline; filename="Evaluation _finale_ (v2).pdf"; filename*=UTF-8''%C3%89valuation%20%22finale%22%20%28v2%29.pdf`,
    );
  });

  it('read single, open and suffix ranges and refuse unsatisfiable ones', () => {
    expect(parseRange(undefined, 10)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-3', 10)).toEqual({ kind: 'partial', start: 0, end: 3 });
    expect(parseRange('bytes=4-', 10)).toEqual({ kind: 'partial', start: 4, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ kind: 'partial', start: 7, end: 9 });
    expect(parseRange('bytes=-30', 10)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ kind: 'partial', start: 5, end: 9 });
    expect(parseRange('bytes=10-', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=5-2', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-1,3-4', 10)).toEqual({ kind: 'full' });
    expect(parseRange('items=0-1', 10)).toEqual({ kind: 'full' });
  });
});

describe('file types', () => {
  const pdf = { ext: 'pdf', mime: 'application/pdf' };
  it('take the type from the bytes', () => {
    expect(judgeFileType(pdf, 'Plan.pdf', 'application/pdf', false)).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(judgeFileType(pdf, 'Plan.PDF', 'application/octet-stream', false)).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(
      judgeFileType({ ext: 'zip', mime: 'application/zip' }, 'a.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', false).ok,
    ).toBe(true);
  });
  it('refuse bytes that are not what the name says', () => {
    expect(judgeFileType({ ext: 'png', mime: 'image/png' }, 'Plan.pdf', 'application/pdf', false).ok).toBe(false);
    expect(judgeFileType(null, 'Plan.pdf', 'application/pdf', true).ok).toBe(false);
    expect(judgeFileType(null, 'data.csv', 'text/csv', false).ok).toBe(false);
  });
  it('accept UTF-8 text under a textual name, never as HTML', () => {
    expect(judgeFileType(null, 'data.csv', 'text/csv', true)).toEqual({ ok: true, contentType: 'text/csv; charset=utf-8' });
    expect(judgeFileType(null, 'notes', 'text/plain', true)).toEqual({ ok: true, contentType: 'text/plain; charset=utf-8' });
    expect(judgeFileType(null, 'page.html', 'text/html', true).ok).toBe(false);
  });
});
