import { scaled } from './timeouts';
import { io, Socket } from 'socket.io-client';

export interface TestSocket {
  socket: Socket;
  /** every event received, in order */
  events: { name: string; payload: any }[];
  received(name: string, match?: (payload: any) => boolean): { name: string; payload: any }[];
  waitFor(name: string, match?: (payload: any) => boolean, timeoutMs?: number): Promise<any>;
  close(): void;
}

/** A socket.io-client connected to the app (token or public); resolves once connected, rejects on connect_error. */
export async function connectSocket(
  baseUrl: string,
  token?: string | null,
  options: { recovery?: boolean; transports?: ('websocket' | 'polling')[] } = {},
): Promise<TestSocket> {
  const socket = io(baseUrl, {
    transports: options.transports ?? ['websocket'],
    auth: token ? { token } : {},
    reconnection: options.recovery ?? false,
    forceNew: true,
  });
  const events: { name: string; payload: any }[] = [];
  socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  const received = (name: string, match: (p: any) => boolean = () => true) => events.filter((e) => e.name === name && match(e.payload));
  return {
    socket,
    events,
    received,
    waitFor: (name, match = () => true, timeoutMs = 10_000) => waitUntil(() => received(name, match)[0]?.payload, timeoutMs, `socket event ${name}`),
    close: () => socket.close(),
  };
}

/** Polls until check() returns something truthy. */
export async function waitUntil<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  // every bound is scaled by FORUM_TEST_TIMEOUT_SCALE (tests/support/timeouts.ts)
  timeoutMs = scaled(timeoutMs);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
