/**
 * Lighthouse's mobile profile (its default: a mid-range phone, slow 4G, 4× CPU slowdown) on a started product, with
 * the machine's Chromium: the sign-in page, the dashboard signed in, and a public communiqué page. Prints first
 * contentful paint, time to interactive and the bytes transferred, against the target (the sign-in page
 * interactive within 3 s). Never part of npm test: it takes a minute and needs the `lighthouse` package.
 *
 *   npm start   # in another terminal: the product with its demo data on :3000
 *   node -r @swc-node/register bench/lighthouse.ts [baseUrl] [email] [password]
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROME_FLAGS = '--headless --no-sandbox --disable-background-networking --disable-component-update';
export const SIGN_IN_INTERACTIVE_TARGET_MS = 3000;

export interface LighthouseFigures {
  url: string;
  performance: number | null;
  fcpMs: number | null;
  interactiveMs: number | null;
  totalBytes: number | null;
  /** requests to any other origin than the page's (the product makes none) */
  thirdPartyRequests: number;
}

const numeric = (audit: { numericValue?: number } | undefined) => (typeof audit?.numericValue === 'number' ? Math.round(audit.numericValue) : null);

/** The figures this bench reports, read from a Lighthouse JSON report (lhr). */
export function parseLighthouse(lhr: any): LighthouseFigures {
  const url: string = lhr.finalDisplayedUrl ?? lhr.finalUrl ?? lhr.requestedUrl;
  const origin = new URL(url).origin;
  const requests: { url: string }[] = lhr.audits?.['network-requests']?.details?.items ?? [];
  const score = lhr.categories?.performance?.score;
  return {
    url,
    performance: typeof score === 'number' ? Math.round(score * 100) : null,
    fcpMs: numeric(lhr.audits?.['first-contentful-paint']),
    interactiveMs: numeric(lhr.audits?.interactive),
    totalBytes: numeric(lhr.audits?.['total-byte-weight']),
    thirdPartyRequests: requests.filter((r) => /^https?:/.test(r.url) && new URL(r.url).origin !== origin).length,
  };
}

export function lighthouseBinary(): string | null {
  const bin = join(ROOT, 'node_modules', '.bin', 'lighthouse');
  return existsSync(bin) ? bin : null;
}

/** One Lighthouse run (mobile, performance only), with the given request headers (a session cookie). */
export async function lighthouse(url: string, headers: Record<string, string> = {}): Promise<LighthouseFigures> {
  const bin = lighthouseBinary();
  if (!bin) throw new Error('lighthouse is not installed (npm i -D -E lighthouse@12.2.3)');
  const dir = mkdtempSync(join(tmpdir(), 'forum-lighthouse-'));
  const out = join(dir, 'report.json');
  try {
    await run(
      bin,
      [
        url,
        '--output=json',
        `--output-path=${out}`,
        '--only-categories=performance',
        '--quiet',
        `--chrome-flags=${CHROME_FLAGS}`,
        ...(Object.keys(headers).length ? [`--extra-headers=${JSON.stringify(headers)}`] : []),
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
    );
    return parseLighthouse(JSON.parse(readFileSync(out, 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Signs in through the API and returns the session cookie the web app restores itself from. */
export async function sessionCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email}: ${response.status}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (!cookies.length) throw new Error('sign-in set no session cookie');
  return cookies.join('; ');
}

/** The three pages of the bench row, in order: sign-in, dashboard (signed in), a public communiqué. */
export async function lighthouseRows(
  baseUrl: string,
  email: string,
  password: string,
  say: (m: string) => void = () => undefined,
): Promise<{ page: string; figures: LighthouseFigures }[]> {
  const list = await (await fetch(`${baseUrl}/api/v1/public/communiques?limit=1`)).json();
  const publicPath: string = list.items?.[0]?.url ?? '/en/communiques';
  const cookie = await sessionCookie(baseUrl, email, password);
  const rows: { page: string; figures: LighthouseFigures }[] = [];
  for (const [page, path, headers] of [
    ['sign-in', '/login', {}],
    ['dashboard (signed in)', '/', { Cookie: cookie }],
    ['public communiqué', publicPath, {}],
  ] as const) {
    say(`lighthouse (mobile): ${page} ${path}`);
    rows.push({ page, figures: await lighthouse(`${baseUrl}${path}`, headers) });
  }
  return rows;
}

const seconds = (ms: number | null) => (ms == null ? '-' : `${(ms / 1000).toFixed(2)} s`);
const kb = (bytes: number | null) => (bytes == null ? '-' : `${(bytes / 1024).toFixed(1)} KB`);

export function renderLighthouse(rows: { page: string; figures: LighthouseFigures }[]): string {
  const lines = [
    '| page (Lighthouse mobile) | performance | FCP | interactive | total bytes | third-party requests | target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { page, figures: f } of rows) {
    const target =
      page === 'sign-in' ? `interactive ≤ 3 s: ${f.interactiveMs != null && f.interactiveMs <= SIGN_IN_INTERACTIVE_TARGET_MS ? 'met' : 'missed'}` : '';
    lines.push(
      `| ${page} | ${f.performance ?? '-'} | ${seconds(f.fcpMs)} | ${seconds(f.interactiveMs)} | ${kb(f.totalBytes)} | ${f.thirdPartyRequests} | ${target} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const [baseUrl = 'http://127.0.0.1:3000', email = 'secretariat@forum.demo', password = 'forum-demo-2026'] = process.argv.slice(2);
  if (!lighthouseBinary()) {
    console.error('lighthouse is not installed: npm i -D -E lighthouse@12.2.3 (this bench never installs anything)');
    process.exit(1);
  }
  console.log(renderLighthouse(await lighthouseRows(baseUrl.replace(/\/$/, ''), email, password, (m) => console.error(m))));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
