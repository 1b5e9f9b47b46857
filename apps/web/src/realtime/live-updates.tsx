import { createContext, ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { io, Socket } from 'socket.io-client';
import type { DomainEventName } from '@forum/contracts';
import { useAuth } from '../auth/auth-context';

type LiveEventName = DomainEventName | 'notification';

const SocketContext = createContext<Socket | null>(null);

/** One socket per signed-in session, authenticated at the handshake; pages listen and refetch. */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const [socket, setSocket] = useState<Socket | null>(null);
  useEffect(() => {
    if (!session) return;
    const s = io({ auth: { token: session.accessToken }, transports: ['websocket', 'polling'] });
    setSocket(s);
    return () => {
      s.disconnect();
      setSocket(null);
    };
  }, [session]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
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
