import { useTranslation } from 'react-i18next';
import { GcdsLink } from '@gcds-core/components-react';
import { api, Page } from '../api/api-client';
import type { Notification } from '../api/types';
import { useResource } from '../api/use-resource';
import { ActionButton } from '../components/fields';
import { PageHeading } from '../components/ui';
import { formatDateTime } from '../i18n/format';
import { useLiveEvents } from '../realtime/live-updates';

const loadNotifications = () =>
  api<Page<Notification> | Notification[]>('GET', '/notifications').then((r) => (Array.isArray(r) ? r : r.items));

/** The unread count in the session bar, kept live by the `notification` socket event. */
export function UnreadBadge() {
  const { t } = useTranslation();
  const { data, reload } = useResource(() => loadNotifications().catch(() => [] as Notification[]), []);
  useLiveEvents(['notification'], () => void reload());
  const unread = (data ?? []).filter((n) => !n.readAt).length;
  return (
    <GcdsLink href="/notifications">
      <span data-testid="unread-count" aria-live="polite">
        {t('notifications.unread', { count: unread })}
      </span>
    </GcdsLink>
  );
}

export function NotificationList({ limit }: { limit?: number }) {
  const { t, i18n } = useTranslation();
  const { data, reload } = useResource(() => loadNotifications().catch(() => [] as Notification[]), []);
  useLiveEvents(['notification'], () => void reload());
  const items = (data ?? []).slice(0, limit ?? 100);
  if (items.length === 0) return <p>{t('notifications.none')}</p>;
  return (
    <ul className="notifications">
      {items.map((n) => (
        <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
          <strong>{n.title}</strong> {n.readAt ? null : <span className="flag">{t('notifications.new')}</span>}
          <br />
          {n.body} <small>{formatDateTime(n.createdAt, i18n.language)}</small>
          {n.link ? (
            <>
              {' '}
              <GcdsLink href={n.link}>{t('notifications.open')}</GcdsLink>
            </>
          ) : null}
          {n.readAt ? null : (
            <ActionButton onClick={() => void api('POST', `/notifications/${n.id}/read`).then(reload)}>{t('notifications.markRead')}</ActionButton>
          )}
        </li>
      ))}
    </ul>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('notifications.title')}</PageHeading>
      <NotificationList />
    </>
  );
}
