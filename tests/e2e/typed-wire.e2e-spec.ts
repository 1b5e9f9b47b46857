import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * The wire is typed once: api, worker and web compile against the same `libs/contracts`. Renaming one field of a
 * view there, in a scratch copy, must fail the typecheck of all three programs at once.
 */
const ROOT = resolve(__dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const run = promisify(execFile);

/** the field renamed in the scratch copy: NotificationView.title, which the api serves, the worker builds and the web shows */
const VIEW = 'export interface NotificationView {';
const FIELD = '  title: string;';
const RENAMED = '  heading: string;';

async function typecheck(config: object, dir: string, name: string): Promise<{ ok: boolean; output: string }> {
  const path = join(dir, `${name}.tsconfig.json`);
  writeFileSync(path, JSON.stringify(config));
  try {
    await run(process.execPath, [TSC, '-p', path, '--noEmit', '--incremental', 'false'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, output: '' };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('one typed wire', () => {
  let dir: string;
  beforeAll(() => {
    // inside the workspace (git-ignored), so type packages resolve from its node_modules as for the real programs
    mkdirSync(join(ROOT, '.data'), { recursive: true });
    dir = mkdtempSync(join(ROOT, '.data', 'wire-rename-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails api, worker and web together when a view field is renamed in contracts', async () => {
    const contracts = join(dir, 'contracts');
    cpSync(join(ROOT, 'libs/contracts/src'), contracts, { recursive: true });
    const events = join(contracts, 'events.ts');
    const source = readFileSync(events, 'utf8');
    const start = source.indexOf(VIEW);
    const at = source.indexOf(FIELD, start);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(at).toBeGreaterThan(start);
    writeFileSync(events, source.slice(0, at) + RENAMED + source.slice(at + FIELD.length));

    const base = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    const scratchContracts = [join(contracts, 'index.ts')];
    const nodeProgram = (entry: string) => ({
      extends: join(ROOT, 'tsconfig.base.json'),
      compilerOptions: { baseUrl: ROOT, paths: { ...base.compilerOptions.paths, '@forum/contracts': scratchContracts } },
      files: [join(ROOT, entry)],
      include: [],
    });
    const web = {
      extends: join(ROOT, 'apps/web/tsconfig.json'),
      compilerOptions: { baseUrl: ROOT, paths: { '@forum/contracts': scratchContracts } },
      include: [join(ROOT, 'apps/web/src/**/*.ts'), join(ROOT, 'apps/web/src/**/*.tsx')],
    };
    const [api, worker, webApp] = await Promise.all([
      typecheck(nodeProgram('apps/api/src/main.ts'), dir, 'api'),
      typecheck(nodeProgram('apps/worker/src/main.ts'), dir, 'worker'),
      typecheck(web, dir, 'web'),
    ]);
    for (const [name, result] of Object.entries({ api, worker, web: webApp })) {
      expect({ name, ok: result.ok }).toEqual({ name, ok: false });
      expect(result.output).toMatch(/'title'|'heading'/);
    }
    // each program fails in its own code, not only in a library they share
    expect(webApp.output).toMatch(/apps\/web\/src\//);
    expect(worker.output).toMatch(/libs\/notifications\/src\//);
  }, 300_000);

  it('leaves no error in the web hidden as an empty result', () => {
    const files = (readdirSync(join(ROOT, 'apps/web/src'), { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f));
    const hiding = files.flatMap((f) => {
      const text = readFileSync(join(ROOT, 'apps/web/src', f), 'utf8');
      return /\.catch\(\s*\(\)\s*=>\s*(\[|null|\(?\{\s*items)/.test(text) || /\borEmpty\(/.test(text) ? [f] : [];
    });
    expect(files.length).toBeGreaterThan(10);
    expect(hiding).toEqual([]);
  });
});
