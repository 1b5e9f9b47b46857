import { parseLighthouse, renderLighthouse } from './lighthouse';

describe('lighthouse bench row', () => {
  const lhr = {
    requestedUrl: 'http://127.0.0.1:3000/login',
    finalDisplayedUrl: 'http://127.0.0.1:3000/login',
    categories: { performance: { score: 0.934 } },
    audits: {
      'first-contentful-paint': { numericValue: 1234.56 },
      interactive: { numericValue: 2875.4 },
      'total-byte-weight': { numericValue: 262_144 },
      'network-requests': {
        details: {
          items: [
            { url: 'http://127.0.0.1:3000/login' },
            { url: 'http://127.0.0.1:3000/assets/index-A1.js' },
            { url: 'data:image/svg+xml,x' },
            { url: 'https://fonts.example.com/noto.woff2' },
          ],
        },
      },
    },
  };

  it('reads FCP, time to interactive, total bytes, the score and the requests to other origins from a report', () => {
    expect(parseLighthouse(lhr)).toEqual({
      url: 'http://127.0.0.1:3000/login',
      performance: 93,
      fcpMs: 1235,
      interactiveMs: 2875,
      totalBytes: 262_144,
      thirdPartyRequests: 1,
    });
  });

  it('says nothing it did not measure, and judges the sign-in page against 3 s', () => {
    const missing = parseLighthouse({ requestedUrl: 'http://127.0.0.1:3000/', audits: {} });
    expect(missing).toMatchObject({ performance: null, fcpMs: null, interactiveMs: null, totalBytes: null, thirdPartyRequests: 0 });
    const table = renderLighthouse([
      { page: 'sign-in', figures: parseLighthouse(lhr) },
      { page: 'dashboard (signed in)', figures: missing },
    ]);
    expect(table).toContain('| sign-in | 93 | 1.24 s | 2.88 s | 256.0 KB | 1 | interactive ≤ 3 s: met |');
    expect(table).toContain('| dashboard (signed in) | - | - | - | - | 0 |  |');
  });
});
