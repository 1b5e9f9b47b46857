/**
 * The web app's weight, read from an existing build (apps/web/dist; it builds nothing: `npm run build:web` first).
 * Prints the initial JavaScript (the entry script index.html loads and the chunks it preloads) raw, gzip and
 * brotli, then every chunk, and checks the budget: initial JS ≤ 250 KB compressed (brotli).
 *
 *   node -r @swc-node/register bench/web-weight.ts [distDir]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

export interface AssetWeight {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
  initial: boolean;
}

/** Sizes as @fastify/compress would send them (gzip level 6 is zlib's default; brotli at quality 4, its default). */
export function weigh(content: Buffer): { raw: number; gzip: number; brotli: number } {
  return {
    raw: content.length,
    gzip: gzipSync(content).length,
    brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length,
  };
}

/** The scripts the shell loads before anything is shown: its module script and its modulepreload links. */
export function initialScripts(indexHtml: string): string[] {
  const found = new Set<string>();
  for (const match of indexHtml.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) found.add(match[1]);
  for (const match of indexHtml.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) found.add(match[1]);
  return [...found].map((src) => src.replace(/^\//, ''));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function webWeight(dist: string): AssetWeight[] {
  const initial = new Set(initialScripts(readFileSync(join(dist, 'index.html'), 'utf8')));
  return filesUnder(dist)
    .filter((path) => /\.(js|css)$/.test(path))
    .map((path) => {
      const file = relative(dist, path);
      return { file, ...weigh(readFileSync(path)), initial: initial.has(file) };
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.raw - a.raw);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main(): void {
  const dist = resolve(process.argv[2] ?? join(__dirname, '..', 'apps', 'web', 'dist'));
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`No web build at ${dist}: run npm run build:web first (this script builds nothing).`);
    process.exit(1);
  }
  const assets = webWeight(dist);
  const js = assets.filter((a) => a.file.endsWith('.js'));
  const initial = js.filter((a) => a.initial);
  const sum = (list: AssetWeight[], key: 'raw' | 'gzip' | 'brotli') => list.reduce((total, a) => total + a[key], 0);
  const css = assets.filter((a) => a.file.endsWith('.css'));

  console.log(`| asset | initial | raw | gzip | brotli |`);
  console.log(`| --- | --- | --- | --- | --- |`);
  for (const a of assets) console.log(`| ${a.file} | ${a.initial ? 'yes' : ''} | ${kb(a.raw)} | ${kb(a.gzip)} | ${kb(a.brotli)} |`);
  console.log('');
  console.log(
    `initial JS (${initial.length} file${initial.length === 1 ? '' : 's'}): ${kb(sum(initial, 'raw'))} raw, ${kb(sum(initial, 'gzip'))} gzip, ${kb(sum(initial, 'brotli'))} brotli`,
  );
  console.log(`all JS (${js.length} chunks): ${kb(sum(js, 'raw'))} raw, ${kb(sum(js, 'gzip'))} gzip, ${kb(sum(js, 'brotli'))} brotli`);
  console.log(`CSS: ${kb(sum(css, 'raw'))} raw, ${kb(sum(css, 'brotli'))} brotli`);
  const within = sum(initial, 'brotli') <= INITIAL_JS_BUDGET_BYTES;
  // a figure to read, like the other benchmarks' targets: reported, never a failure
  console.log(`budget: initial JS ≤ ${kb(INITIAL_JS_BUDGET_BYTES)} compressed (brotli): ${within ? 'met' : 'missed'}`);
}

if (require.main === module) main();
