import { ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GcdsHeading, GcdsNotice, GcdsText } from '@gcds-core/components-react';
import { ApiError } from '../api/api-client';
import type { Government } from '../api/types';
import { headingShown, pageTitle } from '../layout/page-furniture';

/** The page's h1, which also names the page in the browser's title ("Meetings — Forum") and takes focus after a navigation. */
export function PageHeading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLGcdsHeadingElement>(null);
  const appName = t('app.shortName');
  // every render: the heading's text follows the language and the record it names
  useEffect(() => {
    const title = pageTitle(ref.current?.textContent ?? '', appName);
    if (document.title !== title) document.title = title;
  });
  useEffect(() => {
    if (ref.current) headingShown(ref.current);
  }, []);
  return (
    <GcdsHeading ref={ref} tag="h1" marginBottom="300" data-page-heading="">
      {children}
    </GcdsHeading>
  );
}

export function SectionHeading({ children, tag = 'h2' }: { children: ReactNode; tag?: 'h2' | 'h3' }) {
  return (
    <GcdsHeading tag={tag} marginTop="400" marginBottom="200">
      {children}
    </GcdsHeading>
  );
}

/** Errors that are not about one field: announced politely at the top of the form. */
export function FormError({ error }: { error: ApiError | string | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  const text = typeof error === 'string' ? error : describeError(error, t);
  return (
    <div role="alert" className="form-error">
      <GcdsNotice noticeRole="danger" noticeTitle={t('errors.title')} noticeTitleTag="h2">
        <GcdsText>{text}</GcdsText>
      </GcdsNotice>
    </div>
  );
}

/** A page of its own when the address names nothing: "Page not found", with a way home. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('errors.pageNotFound')}</PageHeading>
      <p>{t('errors.pageNotFoundText')}</p>
      <p>
        <a href="/">{t('errors.homeLink')}</a>
      </p>
    </>
  );
}

/** A page of its own when the API refuses the page's main resource to this account (403). */
export function AccessDeniedPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('pageFurniture.accessDenied')}</PageHeading>
      <p>{t('pageFurniture.accessDeniedText')}</p>
      <p>
        <a href="/">{t('errors.homeLink')}</a>
      </p>
    </>
  );
}

/** What a page shows instead of itself when its main resource did not load: 403 and 404 are pages, the rest a notice. */
export function ResourceError({ error }: { error: ApiError }) {
  if (error.status === 403) return <AccessDeniedPage />;
  if (error.status === 404) return <NotFoundPage />;
  return <FormError error={error} />;
}

export function Success({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div role="status">
      <GcdsNotice noticeRole="success" noticeTitle={t('common.done')} noticeTitleTag="h2">
        <GcdsText>{children}</GcdsText>
      </GcdsNotice>
    </div>
  );
}

export function describeError(error: ApiError, t: (key: string, opts?: Record<string, unknown>) => string): string {
  if (error.status === 0) return t('errors.network');
  if (error.status === 403) return t('errors.forbidden', { detail: error.message });
  if (error.status === 404) return t('errors.notFound');
  if (error.status === 409) return t('errors.conflict', { detail: error.message });
  return error.message;
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p aria-live="polite" data-loading>
      {t('common.loading')}
    </p>
  );
}

export function governmentName(g: Pick<Government, 'nameEn' | 'nameFr'> | null | undefined, lang: string): string {
  if (!g) return '—';
  return lang === 'fr' ? g.nameFr : g.nameEn;
}

export function bodyName(b: { name: string; nameEn?: string | null; nameFr: string | null } | null | undefined, lang: string): string {
  if (!b) return '—';
  if (lang === 'fr') return b.nameFr || b.nameEn || b.name;
  return b.nameEn || b.nameFr || b.name;
}

/**
 * A table's own horizontal scroll: on a narrow screen the table scrolls inside this box and the page never does
 * (WCAG 1.4.10). While it overflows it is a named, focusable region, so a keyboard can scroll it too.
 */
export function TableScroll({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const measure = () => setOverflows(box.scrollWidth > box.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="table-scroll" {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': t('common.scrollableTable') } : {})}>
      {children}
    </div>
  );
}
