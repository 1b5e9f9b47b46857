import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { GcdsBreadcrumbs, GcdsBreadcrumbsItem, GcdsDateModified } from '@gcds-core/components-react';
import { useLiveEvents } from '../realtime/live-updates';

/**
 * Canada.ca's furniture around each page: the breadcrumb trail above it, "Date modified" below it, and a polite
 * announcement of live updates for those who cannot see the page change.
 */

/** The list page a detail page belongs to, named as the menu names it. */
const SECTIONS: Record<string, string> = {
  bodies: 'nav.bodies',
  meetings: 'nav.meetings',
  'action-items': 'nav.actionItems',
  communiques: 'nav.communiques',
  accountability: 'nav.accountability',
  indicators: 'nav.indicators',
  'join-requests': 'nav.joinRequests',
  people: 'nav.people',
  translations: 'nav.translations',
  integrations: 'nav.integrations',
  notifications: 'notifications.title',
  search: 'search.title',
};

/** The trail of the pages above this one (the page itself is its h1, not a crumb); none on the home page. */
export function Breadcrumbs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (pathname === '/') return null;
  const [section, ...rest] = pathname.split('/').filter(Boolean);
  // a claim's page sits under the bodies (a body's funding page lists it)
  const parent = section === 'funding-claims' ? 'bodies' : section;
  const crumbs = [{ href: '/', label: t('pageFurniture.home') }];
  if ((rest.length || section === 'funding-claims') && SECTIONS[parent]) crumbs.push({ href: `/${parent}`, label: t(SECTIONS[parent]) });
  if (section === 'bodies' && rest[1] === 'funding') crumbs.push({ href: `/bodies/${rest[0]}`, label: t('pageFurniture.body') });
  return (
    <GcdsBreadcrumbs hideCanadaLink className="breadcrumbs">
      {crumbs.map((c) => (
        <GcdsBreadcrumbsItem key={c.href} href={c.href}>
          {c.label}
        </GcdsBreadcrumbsItem>
      ))}
    </GcdsBreadcrumbs>
  );
}

/** When the web app was built (YYYY-MM-DD): what "Date modified" says of a page that shows no single record. */
const BUILT_ON: string = import.meta.env.VITE_BUILD_DATE ?? new Date().toISOString().slice(0, 10);

let recordModified: string | null = null;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** A page that shows one record says when it last changed (its updatedAt), for as long as it is shown. */
export function useDateModified(updatedAt: string | null | undefined): void {
  useEffect(() => {
    if (!updatedAt) return;
    recordModified = updatedAt.slice(0, 10);
    listeners.forEach((l) => l());
    return () => {
      recordModified = null;
      listeners.forEach((l) => l());
    };
  }, [updatedAt]);
}

export function DateModified() {
  const modified = useSyncExternalStore(subscribe, () => recordModified);
  return (
    <div className="page-foot">
      <GcdsDateModified>{modified ?? BUILT_ON}</GcdsDateModified>
    </div>
  );
}

type AnnouncedEvent = keyof typeof ANNOUNCED;
const ANNOUNCED = {
  'meeting.created': true,
  'meeting.updated': true,
  'meeting.cancelled': true,
  'agenda.updated': true,
  'action-item.created': true,
  'action-item.updated': true,
  'communique.updated': true,
  'communique.published': true,
  'minutes.updated': true,
  'decision.updated': true,
  'document.added': true,
  'document.updated': true,
  'funding-claim.updated': true,
  'indicator.threshold_crossed': true,
  'membership.changed': true,
  notification: true,
} as const;
const ANNOUNCED_NAMES = Object.keys(ANNOUNCED) as AnnouncedEvent[];

/**
 * Says what changed live, politely (after whatever the reader is hearing): the pages refetch silently, so without
 * this a screen reader would never know the page it is on just changed.
 */
export function LiveAnnouncer() {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  useLiveEvents(ANNOUNCED_NAMES, (name, payload) => {
    const text = name === 'notification' ? t('pageFurniture.live.notification', { title: payload?.title ?? '' }) : t(`pageFurniture.live.${name}`);
    // the same words twice in a row are not read again unless the text changes: a trailing no-break space toggles
    setMessage((previous) => (previous === text ? `${text}\u00a0` : text));
  });
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-live-announcer="">
      {message}
    </div>
  );
}
