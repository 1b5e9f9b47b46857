import { lazy, MouseEvent, ReactNode, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { GcdsContainer, GcdsFooter, GcdsHeader, GcdsNavLink, GcdsTopNav } from '@gcds-core/components-react';
import type { Locale } from '@forum/contracts';
import { useAuth } from '../auth/auth-context';
import { otherLanguageHref } from '../i18n/i18n';
import { userTimeZone } from '../i18n/format';
import { UnreadBadge } from '../notifications/unread-badge';
import { Breadcrumbs, DateModified, LiveAnnouncer } from './furniture';
import { navigated } from './page-furniture';

// the search box is for signed-in pages only: the sign-in page does without its code
const HeaderSearch = lazy(() => import('./header-search').then((m) => ({ default: m.HeaderSearch })));

/** Links that leave the single-page app: the API, the server-rendered public portal, and the language toggle (a full reload). */
const isAppPath = (url: URL) =>
  url.origin === window.location.origin && !url.pathname.startsWith('/api') && !/^\/(en|fr)\/communiques/.test(url.pathname) && !url.searchParams.has('lang');

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { session, isSecretariat, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const lang = (i18n.language === 'fr' ? 'fr' : 'en') as Locale;
  const main = useRef<HTMLElement>(null);

  // The design system's links are plain anchors inside shadow roots: keep navigation inside the app.
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const anchor = event.nativeEvent.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!anchor || !anchor.href || anchor.target === '_blank' || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href);
    if (!isAppPath(url)) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };

  // "/" anywhere outside a field jumps to the search box, as on most sites people search every day.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.composedPath()[0] as HTMLElement | undefined;
      const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (event.key !== '/' || typing || event.metaKey || event.ctrlKey || event.altKey) return;
      const input = document.querySelector('gcds-search')?.shadowRoot?.querySelector('input');
      if (!input) return;
      event.preventDefault();
      input.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Moving to a new page puts focus on its h1, as a page load would for a screen reader; the first page of a
  // visit leaves focus alone, so the skip link stays the first stop (layout/page-furniture.ts).
  const firstPath = useRef(true);
  useEffect(() => {
    // a page still loading has no h1 yet: until it has, the title says only where the reader is, not the last page
    if (!document.querySelector('#main-content [data-page-heading]')) document.title = t('app.shortName');
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    navigated();
  }, [location.pathname]);

  const nav = (href: string, label: string) => (
    <GcdsNavLink key={href} href={href} current={location.pathname === href || (href !== '/' && location.pathname.startsWith(href)) ? true : undefined}>
      {label}
    </GcdsNavLink>
  );

  return (
    <div onClick={onClick}>
      <GcdsHeader langHref={otherLanguageHref(lang, location)} skipToHref="#main-content" signatureHasLink={false}>
        {session ? (
          <div slot="search">
            <Suspense fallback={null}>
              <HeaderSearch />
            </Suspense>
          </div>
        ) : null}
        <GcdsTopNav slot="menu" label={t('nav.label')} alignment="end">
          <GcdsNavLink slot="home" href="/">
            {t('app.name')}
          </GcdsNavLink>
          {session
            ? [
                nav('/bodies', t('nav.bodies')),
                nav('/meetings', t('nav.meetings')),
                nav('/action-items', t('nav.actionItems')),
                nav('/communiques', t('nav.communiques')),
                nav('/accountability', t('nav.accountability')),
                nav('/indicators', t('nav.indicators')),
                nav('/join-requests', isSecretariat ? t('joinRequestDecisions.nav') : t('nav.joinRequests')),
                isSecretariat ? nav('/people', t('nav.people')) : null,
                isSecretariat ? nav('/translations', t('nav.translations')) : null,
                isSecretariat ? nav('/integrations', t('nav.integrations')) : null,
              ]
            : null}
          <GcdsNavLink href={`/${lang}/communiques`}>{t('nav.publicPortal')}</GcdsNavLink>
        </GcdsTopNav>
      </GcdsHeader>
      <GcdsContainer size="xl" alignment="center" tag="div" className="page-container">
        {session ? (
          <div className="session-bar">
            <span>
              {t('session.signedInAs', { name: session.user.displayName })} · {t('session.zone', { zone: userTimeZone() })}
            </span>
            <UnreadBadge />
            <button type="button" className="link-button" onClick={logout}>
              {t('session.logout')}
            </button>
          </div>
        ) : null}
        <Breadcrumbs />
        <main id="main-content" ref={main} tabIndex={-1} className="main">
          {children}
          <DateModified />
        </main>
      </GcdsContainer>
      <GcdsFooter display="compact" />
      <LiveAnnouncer />
    </div>
  );
}
