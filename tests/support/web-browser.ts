import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { scaled } from './timeouts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'tests', 'screenshots');

/** The browser journeys need Debian's Chromium; without it they are skipped, loudly, never silently. */
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`\n*** WEB JOURNEYS SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium) ***\n`);
}
export const describeWithBrowser: jest.Describe = hasChromium ? describe : describe.skip;

/** The newest modification time under a folder (the web sources and the contracts they import). */
function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the web app when its dist folder is missing or older than its sources (the API serves whatever
 * is there, so a stale build would test yesterday's pages). Jest runs files in parallel: a lock folder
 * makes one worker build while the others wait for it.
 */
export function ensureWebBuilt(): void {
  const web = join(ROOT, 'apps', 'web');
  const index = join(web, 'dist', 'index.html');
  const stale = () =>
    !existsSync(index) ||
    statSync(index).mtimeMs <
      Math.max(
        newestChange(join(web, 'src')),
        newestChange(join(web, 'index.html')),
        newestChange(join(web, 'public')),
        newestChange(join(web, 'build')),
        newestChange(join(web, 'vite.config.mts')),
        newestChange(join(ROOT, 'libs', 'contracts', 'src')),
      );
  if (!stale()) return;
  const lock = join(web, '.build-lock');
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // a lock older than two minutes belongs to a run that died mid-build
      const age = existsSync(lock) ? Date.now() - statSync(lock).mtimeMs : 0;
      if (waited > 120_000 || age > 120_000) rmSync(lock, { recursive: true, force: true });
      sleep(200);
    }
  }
  try {
    if (!stale()) return;
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

const elsewhere = new WeakMap<BrowserContext, string[]>();

/** The requests a context's pages made to another machine (the app makes none: an intranet may block them). */
export function requestsElsewhere(context: BrowserContext): string[] {
  return elsewhere.get(context) ?? [];
}

/**
 * A context that reaches only the app under test: a request to another machine is refused (this one may be
 * offline, and a test must not depend on the Internet) and recorded, for requestsElsewhere to report.
 */
export async function newContext(browser: Browser, baseURL: string, options: { timezoneId?: string; locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    timezoneId: options.timezoneId ?? 'America/Toronto',
    locale: options.locale ?? 'en-CA',
    viewport: { width: 1280, height: 900 },
  });
  const recorded: string[] = [];
  elsewhere.set(context, recorded);
  // the app under test may be named 127.0.0.1 or localhost (the links in its emails), on any port of this machine
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => {
    recorded.push(route.request().url());
    return route.abort();
  });
  context.setDefaultTimeout(scaled(20_000));
  // an exception in the page is a failure to explain, not a blank screen to guess about
  context.on('weberror', (error) => console.error(`page error: ${error.error().stack ?? error.error().message}`));
  return context;
}

export async function signIn(page: Page, email: string, password: string, lang: 'en' | 'fr' = 'en'): Promise<void> {
  await page.goto(`/login?lang=${lang}`);
  await page.getByLabel(lang === 'fr' ? 'Adresse courriel' : 'Email address').fill(email);
  await page.getByLabel(lang === 'fr' ? 'Mot de passe' : 'Password').fill(password);
  await page.getByRole('button', { name: lang === 'fr' ? 'Se connecter' : 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: lang === 'fr' ? 'Mon tableau de bord' : 'My dashboard' }).waitFor();
}

/**
 * axe-core on the page as it stands, up to WCAG 2.2 AA (its 24 × 24 px targets): serious and critical violations fail
 * the journey. Legacy mode runs axe in the page itself: the default opens a blank page per run to merge the frames'
 * results, four times the cost (the app has no frames to merge), and only violations are collected, not the passes
 * nobody reads.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const detail = bad
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join('\n    ')}`,
      )
      .join('\n  ');
    throw new Error(`accessibility violations on ${label}:\n  ${detail}`);
  }
}

/** WCAG 1.4.10: nothing but the content's own scroll boxes may be wider than the window; the error names what sticks out. */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    const width = window.innerWidth;
    const out = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.table-scroll') && !el.closest('.sr-only'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ')[0]} → ${Math.round(el.getBoundingClientRect().right)}px`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, widest: out };
  });
  if (scrollWidth > innerWidth) throw new Error(`${label} scrolls horizontally at ${innerWidth}px: ${scrollWidth}px wide (${widest.join(', ')})`);
}

/** A picture for a person to look at, when asked for (FORUM_SCREENSHOTS=1): encoding full pages costs the suite CPU. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.FORUM_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Checks a page in both languages (the toggle keeps the page) and keeps a picture of each. */
export async function checkBothLanguages(page: Page, name: string): Promise<void> {
  const url = new URL(page.url());
  for (const lang of ['en', 'fr'] as const) {
    url.searchParams.set('lang', lang);
    await page.goto(url.pathname + url.search);
    await page.locator('main h1, main gcds-heading').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, `${name} (${lang})`);
    await screenshot(page, `${name}-${lang}`);
  }
}
