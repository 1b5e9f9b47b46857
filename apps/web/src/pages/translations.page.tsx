import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingTranslationView } from '@forum/contracts';
import { api, ApiError, Page } from '../api/api-client';
import { useResource } from '../api/use-resource';
import { SubmitButton } from '../components/fields';
import { TextAreaField } from '../components/choice-fields';
import { FormError, Loading, PageHeading, Success, TableScroll } from '../components/ui';
import { formatDateTime } from '../i18n/format';
import { useLiveEvents } from '../realtime/live-updates';

const listPending = () => api<Page<PendingTranslationView>>('GET', '/translations?status=pending&limit=200');

/** Where a translation is written: the record's own PATCH, with the other language's field. */
async function saveTranslation(item: PendingTranslationView, text: string): Promise<void> {
  const key = `${item.field}${item.sourceLang === 'en' ? 'Fr' : 'En'}`;
  switch (item.type) {
    case 'meeting':
      return void (await api('PATCH', `/meetings/${item.id}`, { [key]: text }));
    case 'body':
      return void (await api('PATCH', `/bodies/${item.id}`, { [key]: text }));
    case 'action_item': {
      const current = await api<{ version: number }>('GET', `/action-items/${item.id}`);
      return void (await api('PATCH', `/action-items/${item.id}`, { version: current.version, [key]: text }));
    }
    case 'communique':
      return void (await api('PATCH', `/communiques/${item.id}`, { [key]: text }));
    default:
      throw new Error(item.type);
  }
}

const linkOf = (item: PendingTranslationView): string | null =>
  item.type === 'meeting'
    ? `/meetings/${item.id}`
    : item.type === 'body'
      ? `/bodies/${item.id}`
      : item.type === 'action_item'
        ? `/action-items/${item.id}`
        : item.type === 'communique'
          ? `/communiques/${item.id}`
          : null;

const WRITABLE = new Set(['meeting', 'body', 'action_item', 'communique']);

/** Secretariat only: every text awaiting its other language, oldest first, translated in place. */
export function TranslationsPage() {
  const { t, i18n } = useTranslation();
  const pending = useResource(listPending, []);
  useLiveEvents(['meeting.updated', 'agenda.updated', 'action-item.updated', 'communique.updated'], () => void pending.reload());
  return (
    <>
      <PageHeading>{t('translation.title')}</PageHeading>
      <p>{t('translation.intro')}</p>
      <FormError error={pending.error} />
      {pending.loading && !pending.data ? <Loading /> : null}
      {pending.data && pending.data.items.length === 0 ? <p>{t('translation.none')}</p> : null}
      {pending.data && pending.data.items.length > 0 ? (
        <TableScroll>
          <table className="data-table" data-testid="translations">
            <caption className="sr-only">{t('translation.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('translation.record')}</th>
                <th scope="col">{t('translation.field')}</th>
                <th scope="col">{t('translation.source')}</th>
                <th scope="col">{t('translation.writtenAt')}</th>
                <th scope="col">{t('translation.translate')}</th>
              </tr>
            </thead>
            <tbody>
              {pending.data.items.map((item) => (
                <tr key={`${item.type}-${item.id}-${item.field}`}>
                  <td>
                    {t(`translation.types.${item.type}`, { defaultValue: item.type })}
                    {linkOf(item) ? (
                      <>
                        {' '}
                        <a href={linkOf(item)!}>{t('translation.open')}</a>
                      </>
                    ) : null}
                  </td>
                  <td>{item.field}</td>
                  <td lang={item.sourceLang}>
                    {item.sourceText} <span className="flag">{t(`translation.langs.${item.sourceLang}`)}</span>
                  </td>
                  <td>{formatDateTime(item.createdAt, i18n.language)}</td>
                  <td>{WRITABLE.has(item.type) ? <TranslateForm item={item} onSaved={() => void pending.reload()} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </>
  );
}

function TranslateForm({ item, onSaved }: { item: PendingTranslationView; onSaved(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const target = item.sourceLang === 'en' ? 'fr' : 'en';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setError(null);
    try {
      await saveTranslation(item, text.trim());
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormError error={error} />
      {saved ? <Success>{t('translation.saved')}</Success> : null}
      <TextAreaField
        id={`tr-${item.type}-${item.id}-${item.field}`}
        label={`${t('translation.translate')} (${t(`translation.langs.${target}`)})`}
        value={text}
        onChange={setText}
        rows={2}
      />
      <SubmitButton>{t('translation.save')}</SubmitButton>
    </form>
  );
}
