import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GcdsButton } from '@gcds-core/components-react';

/** How many rows a list page shows; the API pages them, never the browser. */
export const PAGE_SIZE = 25;

/** The offset of one server-side list, back to the first page whenever its filters change. */
export function usePage(resetOn: unknown[] = [], pageSize = PAGE_SIZE): { offset: number; limit: number; setOffset(offset: number): void; query: string } {
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), resetOn);
  return { offset, limit: pageSize, setOffset, query: `limit=${pageSize}&offset=${offset}` };
}

/**
 * Previous / next through a list the API pages, in the design system's pagination pattern: a named navigation
 * landmark, where the reader is ("21–40 of 114") and the pages on either side.
 */
export function Pager({
  id,
  label,
  total,
  offset,
  limit,
  onChange,
}: {
  id: string;
  label: string;
  total: number;
  offset: number;
  limit: number;
  onChange(offset: number): void;
}) {
  const { t } = useTranslation();
  if (total <= limit && offset === 0) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + limit);
  return (
    <nav className="pager" aria-label={label} data-testid={`pager-${id}`}>
      <GcdsButton type="button" buttonRole="secondary" size="small" disabled={page <= 1} onGcdsClick={() => onChange(Math.max(0, offset - limit))}>
        {t('pager.previous')}
      </GcdsButton>
      <span aria-live="polite" data-testid={`pager-${id}-position`}>
        {t('pager.position', { first, last, total, page, pages })}
      </span>
      <GcdsButton type="button" buttonRole="secondary" size="small" disabled={page >= pages} onGcdsClick={() => onChange(offset + limit)}>
        {t('pager.next')}
      </GcdsButton>
    </nav>
  );
}
