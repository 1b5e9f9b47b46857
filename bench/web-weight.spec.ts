import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialScripts, webWeight } from './web-weight';

describe('web weight', () => {
  const html = `<!doctype html><html><head>
    <script type="module" crossorigin src="/assets/index-AAAA1111.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/ui-BBBB2222.js">
    <link rel="stylesheet" crossorigin href="/assets/index-CCCC3333.css">
  </head><body><div id="root"></div></body></html>`;

  it('counts as initial the entry script and the chunks the shell preloads, not the stylesheet', () => {
    expect(initialScripts(html)).toEqual(['assets/index-AAAA1111.js', 'assets/ui-BBBB2222.js']);
  });

  it('weighs every script and stylesheet of a build, raw and compressed, initial ones first', () => {
    const dist = mkdtempSync(join(tmpdir(), 'web-weight-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), html);
    const code = 'export const x = "' + 'forum '.repeat(2000) + '";\n';
    writeFileSync(join(dist, 'assets', 'index-AAAA1111.js'), code);
    writeFileSync(join(dist, 'assets', 'ui-BBBB2222.js'), 'export const y = 1;\n');
    writeFileSync(join(dist, 'assets', 'meetings.page-DDDD4444.js'), code + code);
    writeFileSync(join(dist, 'assets', 'index-CCCC3333.css'), 'body{margin:0}');
    const weights = webWeight(dist);
    expect(weights.map((w) => [w.file, w.initial])).toEqual([
      ['assets/index-AAAA1111.js', true],
      ['assets/ui-BBBB2222.js', true],
      ['assets/meetings.page-DDDD4444.js', false],
      ['assets/index-CCCC3333.css', false],
    ]);
    const entry = weights[0];
    expect(entry.raw).toBe(Buffer.byteLength(code));
    expect(entry.gzip).toBeLessThan(entry.raw / 10);
    expect(entry.brotli).toBeLessThan(entry.raw / 10);
  });
});
