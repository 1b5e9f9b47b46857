import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GcdsLink } from '@gcds-core/components-react';
import { ApiError } from '../api/api-client';
import { pageOf } from '../api/queries';
import type { Notification } from '../api/types';
import { useResource } from '../api/use-resource';
import { ActionButton } from '../components/fields';
import { Pager, usePage } from '../components/pager';
import { FormError, Loading, PageHeading, Success } from '../components/ui';
import { formatDateTime } from '../i18n/format';
import { useInbox } from '../notifications/notification-inbox';
import { NotificationPreferencesSection } from './notification-preferences.section';

/** The unread count in the session bar: the shared inbox keeps it live (socket events and reads made here). */
/** The latest few, from the shared inbox (the dashboard). */
export function NotificationList({ limit }: { limit?: number }) {
  const { items: all, error } = useInbox();
  return <NotificationItems items={all.slice(0, limit ?? 100)} error={error} />;
}

/**
 * The whole inbox, a page at a time from the API. The page follows the shared inbox: whenever it reloads (a live
 * notification, one marked read here, all marked read) the page shown is fetched again.
 */
function PagedNotifications() {
  const { t } = useTranslation();
  const { items: inboxItems } = useInbox();
  const page = usePage();
  const { data, error } = useResource(() => pageOf<Notification>('/notifications', { limit: page.limit, offset: page.offset }), [page.offset, inboxItems]);
  return (
    <>
      <NotificationItems items={data?.items ?? null} error={error} />
      {data ? (
        <Pager id="notifications" label={t('listPages.notifications')} total={data.total} offset={page.offset} limit={page.limit} onChange={page.setOffset} />
      ) : null}
    </>
  );
}

function NotificationItems({ items, error: loadError }: { items: Notification[] | null; error: ApiError | null }) {
  const { t, i18n } = useTranslation();
  const { markRead } = useInbox();
  const [error, setError] = useState<ApiError | null>(null);
  if (loadError) return <FormError error={loadError} />;
  if (!items) return <Loading />;
  if (items.length === 0) return <p>{t('notifications.none')}</p>;
  return (
    <>
      <FormError error={error} />
      <ul className="notifications">
        {items.map((n) => (
          <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-testid="notification">
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
              <ActionButton
                onClick={() =>
                  void markRead(n.id).then(
                    () => setError(null),
                    (e) => setError(e as ApiError),
                  )
                }
              >
                {t('notifications.markReadOf', { title: n.title })}
              </ActionButton>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** One act for a full inbox: the API marks every unread notification, also those beyond the page shown. */
function MarkAllRead() {
  const { t } = useTranslation();
  const { unread, markAllRead } = useInbox();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  if (unread === 0 && !done) return null;
  return (
    <div>
      <FormError error={error} />
      {done && unread === 0 ? <Success>{t('notificationsReadAll.done')}</Success> : null}
      {unread > 0 ? (
        <ActionButton
          onClick={() =>
            void markAllRead().then(
              () => {
                setError(null);
                setDone(true);
              },
              (e) => setError(e instanceof ApiError ? e : new ApiError(0, null)),
            )
          }
        >
          {t('notificationsReadAll.button', { count: unread })}
        </ActionButton>
      ) : null}
    </div>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('notifications.title')}</PageHeading>
      <MarkAllRead />
      <PagedNotifications />
      <NotificationPreferencesSection />
    </>
  );
}
