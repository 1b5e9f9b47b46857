import { createContext, ReactNode, useCallback, useContext, useMemo } from 'react';
import { api, type ApiError, type Page } from '../api/api-client';
import type { Notification } from '../api/types';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { useLiveEvents } from '../realtime/live-updates';

/** `GET /notifications`: a page of the caller's notifications, and how many are unread over the whole inbox */
type InboxPage = Page<Notification> & { unread: number };

interface Inbox {
  items: Notification[];
  unread: number;
  /** why the inbox could not be read (shown where it is listed, never as an empty inbox) */
  error: ApiError | null;
  markRead(id: string): Promise<void>;
  /** every unread notification of the caller, the ones not on this page too */
  markAllRead(): Promise<void>;
  reload(): Promise<void>;
}

const InboxContext = createContext<Inbox | null>(null);

/**
 * One inbox per session, shared by the unread badge, the dashboard and the notifications page: a
 * notification marked read in one place is read everywhere at once (each used to keep its own copy,
 * so the badge kept counting what the list had already marked read).
 */
export function NotificationInboxProvider({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const token = session?.accessToken ?? null;
  const { data, error, reload } = useResource<InboxPage>(
    () => (token ? api<InboxPage>('GET', '/notifications?limit=100') : Promise.resolve({ items: [], total: 0, unread: 0 })),
    [token],
  );
  useLiveEvents(['notification'], () => void reload());
  const markRead = useCallback(
    async (id: string) => {
      await api('POST', `/notifications/${id}/read`);
      await reload();
    },
    [reload],
  );
  const markAllRead = useCallback(async () => {
    await api('POST', '/notifications/read-all');
    await reload();
  }, [reload]);
  const value = useMemo<Inbox>(() => {
    const items = data?.items ?? [];
    return { items, unread: data?.unread ?? items.filter((n) => !n.readAt).length, error, markRead, markAllRead, reload };
  }, [data, error, markRead, markAllRead, reload]);
  return <InboxContext.Provider value={value}>{children}</InboxContext.Provider>;
}

export function useInbox(): Inbox {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useInbox outside NotificationInboxProvider');
  return inbox;
}
