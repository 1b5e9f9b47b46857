import { createContext, ReactNode, useContext, useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { DomainEventName } from '@forum/contracts';
import { useAuth } from '../auth/auth-context';

type LiveEventName = DomainEventName | 'notification';

const SocketContext = createContext<Socket | null>(null);
/** Counts reconnects the server could not recover (events were missed): whatever is shown refetches. */
const ResyncContext = createContext(0);

/** One socket per signed-in session, authenticated at the handshake; pages listen and refetch. */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const [socket, setSocket] = useState<Socket | null>(null);
  const [resyncs, setResyncs] = useState(0);
  useEffect(() => {
    if (!session) return;
    // the client comes in its own chunk, fetched once signed in: the sign-in page has no socket to open
    let s: Socket | null = null;
    let ended = false;
    void import('socket.io-client').then(({ io }) => {
      if (ended) return;
      const opened = io({ auth: { token: session.accessToken }, transports: ['websocket', 'polling'] });
      s = opened;
      let connectedBefore = false;
      // A reconnect with connection-state recovery replays what was missed; one without (the api instance
      // restarted, the gap too long) did not, so every resource on screen loads again.
      opened.on('connect', () => {
        if (connectedBefore && !opened.recovered) setResyncs((n) => n + 1);
        connectedBefore = true;
      });
      setSocket(opened);
    });
    return () => {
      ended = true;
      s?.disconnect();
      setSocket(null);
    };
  }, [session]);
  return (
    <SocketContext.Provider value={socket}>
      <ResyncContext.Provider value={resyncs}>{children}</ResyncContext.Provider>
    </SocketContext.Provider>
  );
}

/** Changes after every reconnect that missed events (0 until the first). */
export function useResyncCount(): number {
  return useContext(ResyncContext);
}

/** Calls onEvent whenever one of the named events arrives (payloads are small: refetch what they name). */
export function useLiveEvents(names: LiveEventName[], onEvent: (name: LiveEventName, payload: any) => void): void {
  const socket = useContext(SocketContext);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = names.join(',');
  useEffect(() => {
    if (!socket) return;
    const listeners = names.map((name) => {
      const listener = (payload: unknown) => handler.current(name, payload);
      socket.on(name, listener);
      return [name, listener] as const;
    });
    return () => listeners.forEach(([name, listener]) => socket.off(name, listener));
    // the events are keyed by their names, so a new array literal each render does not resubscribe
  }, [socket, key]);
}
