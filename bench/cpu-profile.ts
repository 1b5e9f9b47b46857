import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Child, sleep } from './child-processes';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  file: string;
  /** share of the samples that were not idle: low means the process waits (I/O, locks), not computes */
  busyPercent: number;
  /** the functions where the samples landed (self time), heaviest first */
  topFrames: { frame: string; percent: number }[];
  /** the same samples grouped by where the code lives: a package, node internals, our libs */
  byOwner: { owner: string; percent: number }[];
  /** each sample charged to the nearest function of ours up the stack: which of our calls the time is spent under */
  underOurCode: { frame: string; percent: number }[];
}

/** Profiles `child` (started with a profile dir) while `work` runs, then reads the top frames. */
export async function profileDuring(child: Child, dir: string, work: () => Promise<unknown>): Promise<ProfileSummary | null> {
  const before = countProfiles(child, dir);
  if (!child.process.send) return null;
  child.process.send('bench:profile');
  await sleep(100);
  await work();
  child.process.send('bench:profile');
  const file = join(dir, `${child.pid}-${before + 1}.cpuprofile`);
  for (let i = 0; i < 100 && !existsSync(`${file}.done`); i++) await sleep(100);
  if (!existsSync(file)) return null;
  return summarize(file, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
}

function countProfiles(child: Child, dir: string): number {
  let n = 0;
  while (existsSync(join(dir, `${child.pid}-${n + 1}.cpuprofile.done`))) n++;
  return n;
}

function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName === '(garbage collector)' ? 'GC' : functionName.startsWith('(') ? functionName : 'V8/native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/(libs\/[^/]+|apps\/[^/]+)\//.exec(url);
  return ours ? ours[1] : url;
}

const OURS = /\/(libs|apps)\/[^/]+\/src\//;

/** Package-relative file and line; no line for our TypeScript, where V8 sees the transpiled line, not the source's. */
function describe(url: string, lineNumber: number): string {
  if (!url) return '';
  if (OURS.test(url)) return url.replace(/^.*\/(libs|apps)\//, '$1/');
  return `${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}`;
}

export function summarize(file: string, profile: CpuProfile): ProfileSummary {
  const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0) || 1;
  const idle = profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const busy = Math.max(1, total - idle);
  const frames = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (!hits || functionName === '(idle)') continue;
    const where = describe(url, lineNumber);
    const frame = `${functionName || '(anonymous)'} ${where}`.trim();
    frames.set(frame, (frames.get(frame) ?? 0) + hits);
    const owner = ownerOf(url, functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + hits);
  }
  // Bottom-up to the first frame of ours: 'init' or 'writev' alone does not say which request step paid for it.
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const ours = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits || node.callFrame.functionName === '(idle)') continue;
    let at: ProfileNode | undefined = node;
    while (at && !OURS.test(at.callFrame.url)) at = parent.get(at.id);
    const key = at ? `${at.callFrame.functionName || '(anonymous)'} ${describe(at.callFrame.url, at.callFrame.lineNumber)}` : '(no code of ours on the stack)';
    ours.set(key, (ours.get(key) ?? 0) + hits);
  }
  const top = <K>(m: Map<K, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, hits]) => [k, Math.round((hits / busy) * 1000) / 10] as const);
  return {
    file,
    busyPercent: Math.round((busy / total) * 1000) / 10,
    topFrames: top(frames, 12).map(([frame, percent]) => ({ frame, percent })),
    byOwner: top(owners, 10).map(([owner, percent]) => ({ owner, percent })),
    underOurCode: top(ours, 8).map(([frame, percent]) => ({ frame, percent })),
  };
}
