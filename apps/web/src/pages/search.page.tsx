import { FormEvent, ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { GcdsLink } from '@gcds-core/components-react';
import { SEARCH_TYPES, type SearchHitView, type SearchResultsView, type SearchType } from '@forum/contracts';
import { api } from '../api/api-client';
import { listBodies } from '../api/queries';
import { useResource } from '../api/use-resource';
import { SubmitButton, TextField } from '../components/fields';
import { SelectField } from '../components/choice-fields';
import { bodyName, FormError, Loading, PageHeading, SectionHeading } from '../components/ui';
import { formatDate } from '../i18n/format';

const PAGE = 50;

/** Where a hit lives in the app: the agenda item inside its meeting, the minutes on the meeting page, … */
export function hitHref(hit: SearchHitView): string {
  switch (hit.type) {
    case 'body':
      return `/bodies/${hit.id}`;
    case 'meeting':
      return `/meetings/${hit.id}`;
    case 'agenda_item':
      return `/meetings/${hit.meetingId}#agenda-item-${hit.id}`;
    case 'decision':
      return `/meetings/${hit.meetingId}#decision-${hit.id}`;
    case 'minutes':
      return `/meetings/${hit.meetingId}#minutes`;
    case 'action_item':
      return `/action-items/${hit.id}`;
    case 'communique':
      return `/communiques/${hit.id}`;
    case 'document':
      return `/documents/${hit.id}`;
  }
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

/** The API's snippet is escaped text with <mark> around the hits: shown as text nodes and <mark>s, never as HTML. */
export function Snippet({ html }: { html: string }) {
  const parts: ReactNode[] = [];
  html.split(/(<mark>.*?<\/mark>)/g).forEach((part, i) => {
    const marked = /^<mark>(.*)<\/mark>$/.exec(part);
    parts.push(marked ? <mark key={i}>{decode(marked[1])}</mark> : decode(part));
  });
  return <p className="snippet">{parts}</p>;
}

export function SearchPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = (params.get('types') ?? '') as SearchType | '';
  const bodyId = params.get('bodyId') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const [form, setForm] = useState({ q, type, bodyId });
  useEffect(() => setForm({ q, type, bodyId }), [q, type, bodyId]);

  const bodies = useResource(listBodies, []);
  const { data, error, loading } = useResource(async () => {
    if (!q.trim()) return null;
    const query = new URLSearchParams({ q, limit: String(PAGE), offset: String(offset) });
    if (type) query.set('types', type);
    if (bodyId) query.set('bodyId', bodyId);
    return api<SearchResultsView>('GET', `/search?${query}`);
  }, [q, type, bodyId, offset]);

  const go = (next: { q: string; type: string; bodyId: string; offset?: number }) => {
    const query = new URLSearchParams({ q: next.q });
    if (next.type) query.set('types', next.type);
    if (next.bodyId) query.set('bodyId', next.bodyId);
    if (next.offset) query.set('offset', String(next.offset));
    navigate(`/search?${query}`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go(form);
  };

  const groups = SEARCH_TYPES.map((kind) => ({ kind, hits: (data?.items ?? []).filter((h) => h.type === kind) })).filter((g) => g.hits.length);

  return (
    <>
      <PageHeading>{q ? t('search.titleFor', { q }) : t('search.title')}</PageHeading>
      <form onSubmit={submit} role="search" className="search-form">
        <TextField id="search-q" label={t('search.words')} hint={t('search.hint')} value={form.q} onChange={(v) => setForm((f) => ({ ...f, q: v }))} />
        <SelectField
          id="search-type"
          label={t('search.type')}
          value={form.type}
          onChange={(v) => setForm((f) => ({ ...f, type: v as SearchType | '' }))}
          options={[{ value: '', label: t('search.allTypes') }, ...SEARCH_TYPES.map((k) => ({ value: k, label: t(`search.types.${k}`) }))]}
        />
        <SelectField
          id="search-body"
          label={t('meetings.body')}
          value={form.bodyId}
          onChange={(v) => setForm((f) => ({ ...f, bodyId: v }))}
          options={[{ value: '', label: t('search.allBodies') }, ...(bodies.data ?? []).map((b) => ({ value: b.id, label: bodyName(b, lang) }))]}
        />
        <SubmitButton>{t('search.submit')}</SubmitButton>
      </form>
      <FormError error={error} />
      {loading && q ? <Loading /> : null}
      {data ? (
        <p aria-live="polite" data-testid="search-total">
          {t('search.total', { count: data.total })}
        </p>
      ) : null}
      {groups.map((group) => (
        <section key={group.kind} aria-labelledby={`hits-${group.kind}`}>
          <SectionHeading>
            <span id={`hits-${group.kind}`}>{t(`search.types.${group.kind}`)}</span>
          </SectionHeading>
          <ol className="search-hits">
            {group.hits.map((hit) => (
              <li key={`${hit.type}-${hit.id}`}>
                <GcdsLink href={hitHref(hit)}>{hit.title || t(`search.types.${hit.type}`)}</GcdsLink>
                {hit.at ? <span className="hit-date"> · {formatDate(hit.at.slice(0, 10), lang)}</span> : null}
                {hit.bodyId && hit.type !== 'body' ? (
                  <span className="hit-body">
                    {' '}
                    ·{' '}
                    {bodyName(
                      (bodies.data ?? []).find((b) => b.id === hit.bodyId),
                      lang,
                    )}
                  </span>
                ) : null}
                <Snippet html={hit.snippet} />
              </li>
            ))}
          </ol>
        </section>
      ))}
      {data && data.total > offset + PAGE ? (
        <button type="button" className="link-button" onClick={() => go({ q, type, bodyId, offset: offset + PAGE })}>
          {t('search.more')}
        </button>
      ) : null}
    </>
  );
}
