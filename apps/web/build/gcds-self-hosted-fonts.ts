import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

const FONTS = '@gcds-core/fonts';
/** The design system's stylesheet, which asks two other origins for its fonts. */
const STYLESHEET = /[\\/]@gcds-core[\\/]components(-react)?[\\/].*\.css$/;
const GOOGLE_FONTS_IMPORT = /@import\s+url\(\s*["']?https:\/\/fonts\.googleapis\.com\/[^)]*\)\s*;?/g;
/** Every browser the app supports reads the icon font's WOFF: its TrueType copy would only add bytes to the stylesheet. */
const CDN_TRUETYPE = /url\(\s*["']?https:\/\/cdn\.design-system\.canada\.ca\/[^)]*\.ttf["']?\s*\)\s*format\(["']truetype["']\)\s*,\s*/g;
const CDN_FONT = /https:\/\/cdn\.design-system\.canada\.ca\/@gcds-core\/fonts@([\d.]+)\/([\w./-]+)/g;
/** Any address on another origin left in a stylesheet: url(https://…), url(//…) or @import "https://…". */
const REMOTE = /url\(\s*["']?(?:https?:)?\/\/|@import\s+["'](?:https?:)?\/\//;

/** The faces every page shows, the sign-in page too: body text, the menu button (500), field labels (600), buttons and strong text (700), the h1. */
const PRELOADED = ['noto-sans-regular', 'noto-sans-medium', 'noto-sans-semibold', 'noto-sans-bold', 'lato'];

/** The faces the stylesheet asked Google Fonts for, as the fonts package ships them (it has Lato in bold only: the headings). */
const FACES: { family: string; file: string; weight: number; style: 'normal' | 'italic' }[] = [
  { family: 'Lato', file: 'lato/gcds-lato', weight: 700, style: 'normal' },
  { family: 'Lato', file: 'lato/gcds-lato-italic', weight: 700, style: 'italic' },
  ...(
    [
      [300, 'light'],
      [400, 'regular'],
      [500, 'medium'],
      [600, 'semibold'],
      [700, 'bold'],
    ] as const
  ).flatMap(([weight, name]) => [
    { family: 'Noto Sans', file: `noto-sans/gcds-noto-sans-${name}`, weight, style: 'normal' as const },
    { family: 'Noto Sans', file: `noto-sans/gcds-noto-sans-${name}-italic`, weight, style: 'italic' as const },
  ]),
  { family: 'Noto Sans Mono', file: 'noto-sans-mono/gcds-noto-sans-mono', weight: 400, style: 'normal' },
];

/**
 * A government intranet may block the design system's CDN and Google Fonts, and a page that asks them leaks who
 * reads it. The GCDS stylesheet is rewritten as it is bundled: the Google Fonts @import becomes @font-face rules
 * and the CDN's icon font becomes the same file from the installed fonts package (the version the stylesheet
 * names, or the build fails), so Vite emits every font as a content-hashed asset of the app's own origin. A
 * stylesheet that still names another origin afterwards (a new design-system release) fails the build too.
 */
export function gcdsSelfHostedFonts(): Plugin {
  const require = createRequire(import.meta.url);
  const folder = (require.resolve.paths(FONTS) ?? []).map((dir) => join(dir, FONTS)).find((dir) => existsSync(join(dir, 'package.json')));
  if (!folder) throw new Error(`gcds-self-hosted-fonts: ${FONTS} is not installed`);
  const installed: string = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).version;
  const fontFile = (path: string) => {
    const file = join(folder, 'fonts', path);
    if (!existsSync(file)) throw new Error(`gcds-self-hosted-fonts: ${FONTS}@${installed} has no fonts/${path}`);
    return file;
  };

  return {
    name: 'gcds-self-hosted-fonts',
    enforce: 'pre',
    // they start downloading with the scripts, not once the page has been laid out: each late one would lay the page out again
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        return Object.keys(bundle ?? {})
          .filter((name) => PRELOADED.some((face) => new RegExp(`/gcds-${face}-[\\w-]{8}\\.woff2$`).test(name)))
          .map((name) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: `/${name}` },
            injectTo: 'head' as const,
          }));
      },
    },
    transform(code, id) {
      const file = id.split('?')[0];
      if (!STYLESHEET.test(file)) return null;
      // url()s are resolved against the stylesheet's own folder, so the font files are named relative to it
      const from = (path: string) => relative(dirname(file), fontFile(path)).split(sep).join('/');
      let out = code.replace(CDN_TRUETYPE, '').replace(CDN_FONT, (_, version: string, path: string) => {
        if (version !== installed) throw new Error(`gcds-self-hosted-fonts: ${file} wants ${FONTS}@${version}, ${installed} is installed`);
        return from(path);
      });
      const withoutImport = out.replace(GOOGLE_FONTS_IMPORT, '');
      if (withoutImport !== out) {
        const faces = FACES.map(
          (f) =>
            `@font-face{font-family:"${f.family}";font-style:${f.style};font-weight:${f.weight};font-display:swap;` +
            `src:url("${from(`${f.file}.woff2`)}") format("woff2"),url("${from(`${f.file}.woff`)}") format("woff")}`,
        ).join('\n');
        out = `${faces}\n${withoutImport}`;
      }
      const remote = REMOTE.exec(out);
      if (remote) throw new Error(`gcds-self-hosted-fonts: ${file} still loads from another origin: …${out.slice(remote.index, remote.index + 120)}…`);
      return { code: out, map: null };
    },
  };
}
