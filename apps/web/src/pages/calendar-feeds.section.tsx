import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarFeedView } from '@forum/contracts';
import { api, ApiError, Page } from '../api/api-client';
import { useResource } from '../api/use-resource';
import { ActionButton } from '../components/fields';
import { FormError, SectionHeading, Success } from '../components/ui';
import { formatDateTime } from '../i18n/format';

type CreatedFeed = CalendarFeedView & { token: string; url: string };

/** webcal:// opens the subscription in the desktop calendar; Google and Outlook on the web take the https address. */
const webcalOf = (url: string) => url.replace(/^https?:/, 'webcal:');

/**
 * The caller's own subscription feeds. The address is the credential and only its hash is kept, so it is shown
 * once, when made; a feed that leaked is revoked (its address stops working at once) and replaced by a new one.
 */
export function CalendarFeedsSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const feeds = useResource(() => api<Page<CalendarFeedView>>('GET', '/calendar-feeds').then((p) => p.items.filter((f) => !f.revokedAt)), []);
  const [created, setCreated] = useState<CreatedFeed | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoked, setRevoked] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const act = async (work: () => Promise<void>) => {
    setError(null);
    setCopied(false);
    setRevoked(false);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, null));
    }
    await feeds.reload();
  };
  const create = () => act(async () => setCreated(await api<CreatedFeed>('POST', '/calendar-feeds', { label: t('calendarFeeds.defaultLabel') })));
  const revoke = (id: string) =>
    act(async () => {
      await api('DELETE', `/calendar-feeds/${id}`);
      if (created?.id === id) setCreated(null);
      setRevoked(true);
    });
  const replace = (id: string) =>
    act(async () => {
      await api('DELETE', `/calendar-feeds/${id}`);
      setCreated(await api<CreatedFeed>('POST', '/calendar-feeds', { label: t('calendarFeeds.defaultLabel') }));
    });
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // without clipboard permission the address stays selectable on the page
      setCopied(false);
    }
  };
  return (
    <section aria-labelledby="calendar-feeds">
      <SectionHeading>
        <span id="calendar-feeds">{t('calendarFeeds.title')}</span>
      </SectionHeading>
      <p>{t('calendarFeeds.intro')}</p>
      <FormError error={error ?? feeds.error} />
      {revoked ? <Success>{t('calendarFeeds.revoked')}</Success> : null}
      {created ? (
        <div className="card" data-testid="calendar-feed-created">
          <p>
            <strong>{t('calendarFeeds.shownOnce')}</strong>
          </p>
          <p>{t('calendarFeeds.httpsLabel')}</p>
          <p className="feed-url">
            <code data-testid="calendar-feed-url">{created.url}</code>
          </p>
          <p>
            <a href={webcalOf(created.url)}>{t('calendarFeeds.openInCalendar')}</a>
          </p>
          <div className="row-actions">
            <ActionButton onClick={() => void copy(created.url)}>{t('calendarFeeds.copy')}</ActionButton>
          </div>
          {copied ? <p role="status">{t('calendarFeeds.copied')}</p> : null}
        </div>
      ) : null}
      {feeds.data && feeds.data.length > 0 ? (
        <ul className="card-list">
          {feeds.data.map((f) => (
            <li key={f.id} className="card" data-testid="calendar-feed">
              <p>
                {t('calendarFeeds.made', { date: formatDateTime(f.createdAt, lang) })}{' '}
                {f.lastUsedAt ? t('calendarFeeds.lastUsed', { date: formatDateTime(f.lastUsedAt, lang) }) : t('calendarFeeds.neverUsed')}
              </p>
              <div className="row-actions">
                <ActionButton variant="danger" onClick={() => void revoke(f.id)}>
                  {t('calendarFeeds.revoke')}
                </ActionButton>
                <ActionButton onClick={() => void replace(f.id)}>{t('calendarFeeds.replace')}</ActionButton>
              </div>
            </li>
          ))}
        </ul>
      ) : feeds.data ? (
        <p>{t('calendarFeeds.none')}</p>
      ) : null}
      <ActionButton variant="primary" onClick={() => void create()}>
        {t('calendarFeeds.create')}
      </ActionButton>
    </section>
  );
}
