import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  /** the last lines it wrote, shown if it dies */
  tail: string[];
  stop(): Promise<void>;
}

/** A free loopback port, asked of the kernel rather than guessed. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Runs a TypeScript entry point the way tools/run.js does (swc register), with its own environment. */
export function startTs(name: string, script: string, env: Record<string, string>, options: { profileDir?: string; probe?: boolean } = {}): Child {
  const args = ['--enable-source-maps', '-r', '@swc-node/register'];
  if (options.profileDir) args.push('-r', join(ROOT, 'bench', 'cpu-profiler.preload.js'));
  // The probe measures the live heap after a full collection, which needs gc() (bench/resource-probe.preload.js).
  if (options.probe) args.push('--expose-gc', '-r', join(ROOT, 'bench', 'resource-probe.preload.js'));
  const ipc = Boolean(options.profileDir || options.probe);
  const child = spawn(process.execPath, [...args, join(ROOT, script)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'),
      ...(options.profileDir ? { BENCH_CPU_PROFILE_DIR: options.profileDir } : {}),
      ...env,
    },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) tail.push(`[${name}] ${line}`);
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    name,
    process: child,
    pid: child.pid!,
    tail,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Waits until `url` answers 2xx, failing early with the child's last words if it dies first. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited (${child.process.exitCode}) before answering:\n${child.tail.join('\n')}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs / 1000} s:\n${child.tail.join('\n')}`);
}

/** Resident memory in MB, from the kernel's own account of the process. */
export function residentMb(pid: number): number | null {
  const path = `/proc/${pid}/status`;
  if (!existsSync(path)) return null;
  const line = readFileSync(path, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : null;
}

/** Samples a process's resident memory while `work` runs and returns the peak with the work's result. */
export async function peakResidentDuring<T>(pids: Record<string, number>, work: () => Promise<T>, peaks: Record<string, number>): Promise<T> {
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const mb = residentMb(pid);
      if (mb !== null) peaks[name] = Math.max(peaks[name] ?? 0, mb);
    }
  };
  sample();
  const timer = setInterval(sample, 200);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    sample();
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
