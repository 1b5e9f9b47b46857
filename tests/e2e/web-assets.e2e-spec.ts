import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt } from '../support/web-browser';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(180_000));

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with exactly the headers given (fetch would add its own Accept-Encoding and decode the body). */
function raw(baseUrl: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web assets: caching, compression and pages for unknown addresses', () => {
  let t: TestApp;
  const dist = join(__dirname, '..', '..', 'apps', 'web', 'dist');
  let script: string;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await startTestApp();
    // the entry script index.html loads: Vite names it after its content
    script = /<script type="module" crossorigin src="([^"]+)"/.exec(readFileSync(join(dist, 'index.html'), 'utf8'))![1];
  });
  afterAll(() => t?.close());

  it('caches hashed assets for a year and revalidates the shell on every visit', async () => {
    expect(script).toMatch(/^\/assets\/.+-[\w-]{8,}\.js$/);
    const asset = await raw(t.baseUrl, script);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = readdirSync(join(dist, 'assets')).find((name) => name.endsWith('.css'));
    if (css) expect((await raw(t.baseUrl, `/assets/${css}`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');

    for (const path of ['/', '/meetings', '/bodies/anything', '/index.html', '/en', '/fr/reset-password']) {
      const shell = await raw(t.baseUrl, path);
      expect([path, shell.status]).toEqual([path, 200]);
      expect([path, shell.headers['cache-control']]).toEqual([path, 'no-cache']);
      expect(shell.body.toString()).toContain('<div id="root">');
    }
  });

  it('asks no other origin for anything: the design system’s fonts are the build’s own hashed assets, cached for a year', async () => {
    const assets = readdirSync(join(dist, 'assets'));
    const texts: [string, string][] = [
      ['index.html', readFileSync(join(dist, 'index.html'), 'utf8')],
      ...assets.filter((name) => /\.(css|js)$/.test(name)).map((name): [string, string] => [name, readFileSync(join(dist, 'assets', name), 'utf8')]),
    ];
    for (const [name, text] of texts) {
      // the design system's CDN and Google Fonts, which its stylesheet asks for as published
      expect({ name, cdn: text.match(/fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.design-system\.canada\.ca/g) }).toEqual({ name, cdn: null });
      // nothing the browser fetches by itself: stylesheets' url() and @import, the page's src and href
      if (name.endsWith('.css')) expect({ name, remote: text.match(/(url\(|@import)\s*["']?(https?:)?\/\/[^)"';]*/g) }).toEqual({ name, remote: null });
      if (name === 'index.html') expect({ name, remote: text.match(/(src|href)="(https?:)?\/\/[^"]*"/g) }).toEqual({ name, remote: null });
    }
    // the session is asked for by a deferred script that runs before the app's module (both deferred, in document order)
    const shell = texts[0][1];
    expect(shell.indexOf('<script defer src="/session-start.js"></script>')).toBeGreaterThan(-1);
    expect(shell.indexOf('/session-start.js')).toBeLessThan(shell.indexOf(script));
    // the flag as favicon, inline: no request for a /favicon.ico there is not
    expect(shell).toMatch(/<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml,/);
    // the faces every page shows start downloading with the scripts
    expect(
      shell.match(
        /<link rel="preload" as="font" type="font\/woff2" crossorigin="" href="\/assets\/gcds-(noto-sans-(regular|medium|semibold|bold)|lato)-[\w-]{8}\.woff2">/g,
      ),
    ).toHaveLength(5);
    const stylesheet = texts.find(([name]) => name.endsWith('.css'))![1];
    const fonts = [...stylesheet.matchAll(/url\(["']?(\/assets\/[^)"']+\.woff2)["']?\)/g)].map((m) => m[1]);
    // the body text's and the headings' faces, each named after its content
    expect(fonts).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/gcds-noto-sans-regular-[\w-]{8}\.woff2$/), expect.stringMatching(/\/gcds-lato-[\w-]{8}\.woff2$/)]),
    );
    for (const font of fonts.slice(0, 3)) {
      const response = await raw(t.baseUrl, font);
      expect([font, response.status, response.headers['cache-control']]).toEqual([font, 200, 'public, max-age=31536000, immutable']);
    }
  });

  it('compresses with brotli or gzip when the browser accepts it, and only then', async () => {
    const plain = await raw(t.baseUrl, script);
    expect(plain.headers['content-encoding']).toBeUndefined();

    const br = await raw(t.baseUrl, script, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gzip = await raw(t.baseUrl, script, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);

    // a browser's usual header prefers brotli
    expect((await raw(t.baseUrl, script, { 'accept-encoding': 'gzip, deflate, br, zstd' })).headers['content-encoding']).toBe('br');
    const shell = await raw(t.baseUrl, '/meetings', { 'accept-encoding': 'gzip' });
    expect(shell.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(shell.body).toString()).toContain('<div id="root">');
  });

  it('answers an HTML page for unknown addresses outside the API, and JSON inside it', async () => {
    for (const path of ['/no-such-page', '/en/no-such-page', '/fr/xyz/abc?x=1']) {
      const page = await t.http.get(path);
      expect([path, page.status]).toEqual([path, 404]);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.text).toMatch(/<html lang="(en|fr)"/);
      expect(page.text).toMatch(/<title>[^<]+<\/title>/);
    }
    const head = await raw(t.baseUrl, '/no-such-page', {}, 'HEAD');
    expect(head.status).toBe(404);
    expect(head.headers['content-type']).toMatch(/^text\/html/);

    const api = await t.http.get('/api/v1/no-such-route', t.adminToken);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
    expect(api.body.reason).toBe('not_found');
    const missingAsset = await t.http.get('/assets/no-such-file-abc123.js');
    expect(missingAsset.status).toBe(404);
    expect(missingAsset.headers.get('content-type')).not.toMatch(/html/);
    // a write to an unknown address is still the API's JSON answer
    expect((await t.http.post('/no-such-page', {})).headers.get('content-type')).toMatch(/json/);

    // the public portal keeps its own server-rendered pages
    for (const lang of ['en', 'fr']) {
      const portal = await t.http.get(`/${lang}/communiques`);
      expect(portal.status).toBe(200);
      expect(portal.text).toContain(`lang="${lang}"`);
    }
  });
});
