import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GcdsLink } from '@gcds-core/components-react';
import { ApiError } from '../api/api-client';
import { ActionButton } from '../components/fields';
import { FormError, PageHeading, Success } from '../components/ui';
import { formatDateTime } from '../i18n/format';
import { useInbox } from '../notifications/notification-inbox';
import { NotificationPreferencesSection } from './notification-preferences.section';

/** The unread count in the session bar: the shared inbox keeps it live (socket events and reads made here). */
export function UnreadBadge() {
  const { t } = useTranslation();
  const { unread } = useInbox();
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
  const { items: all, markRead, error: inboxError } = useInbox();
  const [error, setError] = useState<ApiError | null>(null);
  const items = all.slice(0, limit ?? 100);
  if (inboxError) return <FormError error={inboxError} />;
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
              <ActionButton onClick={() => void markRead(n.id).then(() => setError(null), (e) => setError(e as ApiError))}>
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
      <NotificationList />
      <NotificationPreferencesSection />
    </>
  );
}
