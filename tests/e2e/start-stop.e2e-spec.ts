import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_REDIS_URL } from '../support/test-env';
import { scaled, waitFor } from '../support/timeouts';

const ROOT = join(__dirname, '..', '..');

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command of the product with the given environment (nothing inherited that could configure it). */
function launch(args: string[], env: Record<string, string>, detached = false): { child: ChildProcess; finished: Promise<Finished>; output: () => string } {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const finished = new Promise<Finished>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, finished, output: () => stdout + stderr };
}

const BAD_ENV = { PORT: 'eighty', NODE_ENV: 'staging', DATABASE_URL: 'mysql://x@y/z', JWT_SECRET: 'short' };
const BAD_SENTENCES = [
  'Configuration error: NODE_ENV must be one of development, test, production, got "staging".',
  'Configuration error: PORT must be a whole number, got "eighty".',
  'Configuration error: JWT_SECRET must be at least 32 characters long.',
  'Configuration error: DATABASE_URL must start with postgres:// or postgresql://, got "mysql://x@y/z".',
];

/** What npm start prints when it finds or starts a service, or builds the web app. */
const NOTHING_STARTED = /Database:|Redis:|embedded|redis-server|Building|Applied migrations/;

/** No stack frame, no Node error dump: only the sentences. */
const expectSentencesOnly = (result: Finished, sentences: string[]) => {
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split('\n').sort()).toEqual([...sentences].sort());
  expect(result.stderr).not.toMatch(/^\s+at /m);
};

describe('start-up: a bad configuration is refused first, one sentence per bad variable', () => {
  it('npm start names every bad variable, without a stack trace, before any service starts', async () => {
    const result = await launch(['tools/run.js', 'start'], BAD_ENV).finished;
    expectSentencesOnly(result, BAD_SENTENCES);
    // nothing was probed or started: no database, no Redis, no web build
    expect(result.stdout).not.toMatch(NOTHING_STARTED);
  });

  it('the API entry itself says the same', async () => {
    const result = await launch(['-r', '@swc-node/register', 'apps/api/src/main.ts'], { ...BAD_ENV, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') })
      .finished;
    expectSentencesOnly(result, BAD_SENTENCES);
  });

  it('the worker entry too', async () => {
    const result = await launch(['-r', '@swc-node/register', 'apps/worker/src/main.ts'], { ...BAD_ENV, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') })
      .finished;
    expectSentencesOnly(result, BAD_SENTENCES);
  });

  it('production without SMTP_URL is refused unless MAIL_LOG=redacted', async () => {
    const secret = 'x'.repeat(40);
    const refused = await launch(['tools/run.js', 'start'], { NODE_ENV: 'production', JWT_SECRET: secret }).finished;
    expect(refused.code).toBe(1);
    // (other production requirements may add their own sentences; each is one line)
    expect(refused.stderr.trim().split('\n')).toContain(
      'Configuration error: SMTP_URL must be set in production (or set MAIL_LOG=redacted to log only the recipient and subject of each email).',
    );
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    // with MAIL_LOG=redacted SMTP is not required (a bad PORT stops it before anything starts)
    const redacted = await launch(['tools/run.js', 'start'], { NODE_ENV: 'production', JWT_SECRET: secret, PORT: 'eighty', MAIL_LOG: 'redacted' }).finished;
    expect(redacted.code).toBe(1);
    expect(redacted.stderr).toContain('Configuration error: PORT must be a whole number, got "eighty".');
    expect(redacted.stderr).not.toMatch(/SMTP_URL/);
  });

  describe('a busy port', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      server = createServer();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is one sentence, before any service starts', async () => {
      const result = await launch(['tools/run.js', 'start'], { PORT: String(port), HOST: '127.0.0.1' }).finished;
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`Port ${port} is already in use on 127.0.0.1: stop what listens there or set PORT to a free port.`);
      expect(result.stdout).not.toMatch(NOTHING_STARTED);
    });
  });
});

describe('npm start stopped with SIGINT under a request loop', () => {
  let stopped = false;
  let database: TestDatabase;
  let webDir: string;
  let run: ReturnType<typeof launch> | null = null;

  beforeAll(async () => {
    database = await createTestDatabase();
    webDir = mkdtempSync(join(tmpdir(), 'forum-web-'));
  });
  afterAll(async () => {
    stopped = true;
    // run.js and the apps it started share a process group of their own (spawned detached)
    if (run?.child.pid && run.child.exitCode === null) process.kill(-run.child.pid, 'SIGKILL');
    rmSync(webDir, { recursive: true, force: true });
    await database?.drop();
  });

  it(
    'drains: every request is answered (zero 5xx), then the apps stop, then run.js exits 0',
    async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      run = launch(
        ['tools/run.js', 'start'],
        {
          DATABASE_URL: database.url,
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: `forum-test-drain-${port}`,
          PORT: String(port),
          HOST: '127.0.0.1',
          FORUM_DEMO_DATA: 'false',
          // an empty folder: no web build for this test
          WEB_DIST_DIR: webDir,
          LOG_LEVEL: 'warn',
          // the loop is far above any per-address limit: this test is about the drain, not rate limiting
          FORUM_API_RATE_LIMIT: '0',
        },
        true,
      );
      const current = run;
      await waitFor(
        'the API to answer',
        async () => {
          if (current.child.exitCode !== null) throw new Error(`npm start exited: ${current.output()}`);
          return (await fetch(`${base}/api/v1/health`).catch(() => null))?.status === 200;
        },
        120_000,
        200,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; npm start said: ${current.output()}`);
      });
      // The database and Redis were used as given: nothing probed or started.
      expect(current.output()).not.toMatch(/embedded|starting .*redis-server|Database: /);

      const statuses: number[] = [];
      const loop = async () => {
        while (!stopped) {
          const res = await fetch(`${base}/api/v1/public/communiques`).catch(() => null);
          if (res) {
            statuses.push(res.status);
            await res.arrayBuffer();
          } else {
            // the server is gone: connections are refused, which the drain is allowed to end with
            if (current.child.exitCode !== null) return;
            await new Promise((r) => setTimeout(r, 10));
          }
        }
      };
      const loops = Array.from({ length: 4 }, loop);
      await waitFor('requests to flow', () => statuses.length >= 20, 30_000);
      const before = statuses.length;
      current.child.kill('SIGINT');
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([
        current.finished,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`npm start did not stop: ${current.output()}`)), scaled(60_000));
        }),
      ]).finally(() => clearTimeout(timer));
      stopped = true;
      await Promise.all(loops);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Shutting down');
      expect(statuses.length).toBeGreaterThan(before);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(before / 2);
    },
    scaled(240_000),
  );
});
