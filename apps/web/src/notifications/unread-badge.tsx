import { useTranslation } from 'react-i18next';
import { GcdsLink } from '@gcds-core/components-react';
import { useInbox } from './notification-inbox';

/** The shell's count of unread notifications: in the first script, apart from the notifications page, which loads when shown. */
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
