/*
 * What a process holds, read from the kernel (/proc) and, through the resource probe preload, from the process
 * itself: the figures the soak watches for growth.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { Child } from './child-processes';

const TCP_STATES: Record<string, string> = { '01': 'ESTABLISHED', '06': 'TIME_WAIT', '08': 'CLOSE_WAIT', '0A': 'LISTEN' };

export interface TcpSocket {
  localPort: number;
  remotePort: number;
  state: string;
}

/** Open file descriptors (files, sockets, pipes, epoll…): what `ulimit -n` counts. */
export function fdCount(pid: number): number | null {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

/**
 * The process's TCP sockets: the socket inodes among its fds, looked up in its network namespace's tables.
 * This is how a Postgres or Redis connection is charged to the api or the worker: both name themselves
 * `forum` to Postgres, but each owns its own client ports.
 */
export function tcpSocketsOf(pid: number): TcpSocket[] {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  for (const fd of fds) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith('socket:[')) inodes.add(target.slice(8, -1));
    } catch {
      // closed between the listing and the read
    }
  }
  const sockets: TcpSocket[] = [];
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || !inodes.has(cols[9])) continue;
      const port = (address: string) => parseInt(address.split(':')[1], 16);
      sockets.push({ localPort: port(cols[1]), remotePort: port(cols[2]), state: TCP_STATES[cols[3]] ?? cols[3] });
    }
  }
  return sockets;
}

export interface ProbeAnswer {
  /** live heap after a full collection */
  heapUsedMb: number;
  externalMb: number;
  /** active libuv resources by kind (TCPSocketWrap, Timeout, FSReqCallback…) */
  resources: Record<string, number>;
}

/** Asks a child started with `probe: true` for its live heap and active resources; null if it does not answer in time. */
export function probe(child: Child, timeoutMs = 5000): Promise<ProbeAnswer | null> {
  const proc = child.process;
  if (!proc.send || !proc.connected) return Promise.resolve(null);
  return new Promise((resolve) => {
    const done = (answer: ProbeAnswer | null) => {
      clearTimeout(timer);
      proc.off('message', onMessage);
      resolve(answer);
    };
    const onMessage = (message: { kind?: string; heapUsed: number; external: number; resources: Record<string, number> }) => {
      if (message?.kind !== 'bench:resources') return;
      const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
      done({ heapUsedMb: mb(message.heapUsed), externalMb: mb(message.external), resources: message.resources });
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    proc.on('message', onMessage);
    proc.send('bench:resources');
  });
}
