import { io, Socket } from 'socket.io-client';
import { percentile } from './http-load';
import { sleep } from './child-processes';

export interface BenchSocket {
  socket: Socket;
  governmentId: string;
  /** arrival time (performance.now) of each `action-item.updated`, keyed id:version */
  arrivals: Map<string, number>;
}

export interface SocketPlan {
  governmentId: string;
  auth: Record<string, unknown>;
}

/** Connects every socket (websocket only, no reconnection), a batch at a time so the handshakes do not time out. */
export async function connectSockets(url: string, plans: SocketPlan[], batch = 50): Promise<BenchSocket[]> {
  const sockets: BenchSocket[] = [];
  for (let i = 0; i < plans.length; i += batch) {
    const made = await Promise.all(
      plans.slice(i, i + batch).map(
        (plan) =>
          new Promise<BenchSocket>((resolve, reject) => {
            const socket = io(url, { transports: ['websocket'], auth: plan.auth, reconnection: false, forceNew: true, timeout: 20_000 });
            const entry: BenchSocket = { socket, governmentId: plan.governmentId, arrivals: new Map() };
            socket.on('action-item.updated', (payload: { id: string; version: number }) =>
              entry.arrivals.set(`${payload.id}:${payload.version}`, performance.now()),
            );
            socket.once('connect', () => resolve(entry));
            socket.once('connect_error', (error) => reject(new Error(`socket refused: ${error.message}`)));
          }),
      ),
    );
    sockets.push(...made);
  }
  return sockets;
}

export function closeSockets(sockets: BenchSocket[]): void {
  for (const s of sockets) s.socket.disconnect();
}

export interface Round {
  bodyId: string;
  /** the governments entitled to the body's events */
  memberGovernmentIds: Set<string>;
  /** sends the update and resolves with the id:version key the event will carry */
  send(): Promise<string>;
}

export interface FanoutResult {
  rounds: number;
  deliveries: number;
  missing: number;
  /** events that reached a socket whose government is not a member of the body */
  leaked: number;
  medianMs: number;
  p99Ms: number;
  /** per round, the time until the last entitled socket had it */
  lastP50Ms: number;
  lastByRoundMs: number[];
}

/** Runs the rounds one after another: time from sending the update to its arrival on every entitled socket. */
export async function measureFanout(sockets: BenchSocket[], rounds: Round[], waitMs = 10_000): Promise<FanoutResult> {
  const latencies: number[] = [];
  const lasts: number[] = [];
  let missing = 0;
  let leaked = 0;
  for (const round of rounds) {
    const entitled = sockets.filter((s) => round.memberGovernmentIds.has(s.governmentId));
    const t0 = performance.now();
    const key = await round.send();
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && entitled.some((s) => !s.arrivals.has(key))) await sleep(5);
    // A little longer, so a leak to a stranger's socket has the time to show.
    await sleep(50);
    let last = 0;
    for (const s of entitled) {
      const at = s.arrivals.get(key);
      if (at === undefined) missing++;
      else {
        latencies.push(at - t0);
        last = Math.max(last, at - t0);
      }
    }
    lasts.push(last);
    leaked += sockets.filter((s) => !round.memberGovernmentIds.has(s.governmentId) && s.arrivals.has(key)).length;
  }
  const sorted = latencies.sort((a, b) => a - b);
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    rounds: rounds.length,
    deliveries: latencies.length,
    missing,
    leaked,
    medianMs: round1(percentile(sorted, 50)),
    p99Ms: round1(percentile(sorted, 99)),
    lastP50Ms: round1(
      percentile(
        [...lasts].sort((a, b) => a - b),
        50,
      ),
    ),
    lastByRoundMs: lasts.map(round1),
  };
}
