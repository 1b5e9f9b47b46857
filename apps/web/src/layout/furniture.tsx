import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { GcdsBreadcrumbs, GcdsBreadcrumbsItem, GcdsDateModified } from '@gcds-core/components-react';
import { actionItemAnnouncementText, ActionItemAnnouncement, describeActionItemEvent } from '../realtime/live-announcement';
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

type Message = { key: string; values?: Record<string, string> } | ActionItemAnnouncement;

/**
 * Says what changed live, politely (after whatever the reader is hearing): the pages refetch silently, so without
 * this a screen reader would never know the page it is on just changed. A change to an action item says which
 * government made it and to which item (read from the API, so said in the order the events came).
 */
export function LiveAnnouncer() {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState<{ message: Message; echo: boolean } | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const textOf = (m: Message) => ('kind' in m ? actionItemAnnouncementText(m, t, i18n.language) : t(m.key, m.values));
  // the same words twice in a row are not read again unless the text changes: a trailing no-break space toggles
  const show = (message: Message) =>
    setShown((previous) => ({ message, echo: previous !== null && textOf(previous.message) === textOf(message) ? !previous.echo : false }));
  useLiveEvents(ANNOUNCED_NAMES, (name, payload) => {
    const plain: Message =
      name === 'notification' ? { key: 'pageFurniture.live.notification', values: { title: payload?.title ?? '' } } : { key: `pageFurniture.live.${name}` };
    const described: Promise<Message> =
      (name === 'action-item.updated' || name === 'action-item.created') && payload?.id
        ? describeActionItemEvent(name, payload).catch(() => plain)
        : Promise.resolve(plain);
    queue.current = queue.current.then(() => described.then(show));
  });
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-live-announcer="">
      {shown ? `${textOf(shown.message)}${shown.echo ? '\u00a0' : ''}` : ''}
    </div>
  );
}
