import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { GcdsLink, GcdsNotice, GcdsText } from '@gcds-core/components-react';
import { CommonReason } from '@forum/contracts';
import { api, ApiError, Page } from '../api/api-client';
import { listActionItems, listBodies, listGovernments } from '../api/queries';
import type { ActionItem, ActionItemUpdate } from '../api/types';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { ActionButton, NativeField, SelectField, SubmitButton, TextAreaField } from '../components/fields';
import { bodyName, FormError, governmentName, Loading, PageHeading, SectionHeading, Success, TableScroll } from '../components/ui';
import { ResourceError } from '../components/ui';
import { useDateModified } from '../layout/furniture';
import { daysUntil, formatDate, formatDateTime, formatMoney } from '../i18n/format';
import { BilingualText, TranslationFlag } from '../components/bilingual';
import { useLiveEvents } from '../realtime/live-updates';

const STATUSES = ['not_started', 'in_progress', 'blocked', 'done', 'cancelled'] as const;

function DueFlag({ item }: { item: ActionItem }) {
  const { t } = useTranslation();
  if (item.status === 'done' || item.status === 'cancelled') return null;
  const days = daysUntil(item.dueOn);
  if (days < 0) return <strong className="flag flag-overdue">{t('actionItems.overdue')}</strong>;
  if (days <= 3) return <strong className="flag flag-due-soon">{t('actionItems.dueSoon')}</strong>;
  return null;
}

export function ActionItemsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, error, reload } = useResource(async () => {
    const [items, bodies, governments] = await Promise.all([listActionItems(), listBodies(), listGovernments()]);
    return { items: items.sort((a, b) => a.dueOn.localeCompare(b.dueOn)), bodies, governments };
  }, []);
  useLiveEvents(['action-item.created', 'action-item.updated'], () => void reload());
  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <PageHeading>{t('actionItems.title')}</PageHeading>
      {data.items.length === 0 ? <p>{t('actionItems.none')}</p> : null}
      <TableScroll>
      <table className="data-table">
        <caption className="sr-only">{t('actionItems.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('actionItems.item')}</th>
            <th scope="col">{t('meetings.body')}</th>
            <th scope="col">{t('actionItems.lead')}</th>
            <th scope="col">{t('actionItems.dueOn')}</th>
            <th scope="col">{t('actionItems.status')}</th>
            <th scope="col">{t('actionItems.progress')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((i) => (
            <tr key={i.id} data-testid={`action-item-row-${i.id}`}>
              <td>
                <GcdsLink href={`/action-items/${i.id}`}><BilingualText record={i} field="title" /></GcdsLink>
              </td>
              <td>{bodyName(data.bodies.find((b) => b.id === i.bodyId), lang)}</td>
              <td>{governmentName(data.governments.find((g) => g.id === i.leadGovernmentId), lang)}</td>
              <td>
                {formatDate(i.dueOn, lang)} <DueFlag item={i} />
              </td>
              <td>{t(`actionItems.statuses.${i.status}`)}</td>
              <td>{i.progress}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </>
  );
}

interface StaleState {
  mine: { status: string; progress: string; note: string };
  theirs: ActionItem;
  by: string | null;
}

export function ActionItemDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session, isSecretariat } = useAuth();
  const lang = i18n.language;
  const { data, error, reload } = useResource(async () => {
    const [item, governments, updates] = await Promise.all([
      api<ActionItem>('GET', `/action-items/${id}`),
      listGovernments(),
      api<Page<ActionItemUpdate> | ActionItemUpdate[]>('GET', `/action-items/${id}/updates?limit=100`).then((r) => (Array.isArray(r) ? r : r.items)),
    ]);
    return { item, governments, updates };
  }, [id]);
  useLiveEvents(['action-item.updated'], (_, p) => {
    if (p?.id === id) void reload();
  });
  useDateModified(data?.item.updatedAt);
  const [form, setForm] = useState<{ status: string; progress: string; note: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [error2, setError2] = useState<ApiError | null>(null);
  const [stale, setStale] = useState<StaleState | null>(null);
  const [saved, setSaved] = useState(false);
  // The version my edits are based on: a live refresh while I type must not make them look current.
  const [baseVersion, setBaseVersion] = useState<number | null>(null);

  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  const { item, governments, updates } = data;
  const current = form ?? { status: item.status, progress: String(item.progress), note: '' };
  const set = (key: keyof typeof current) => (value: string) => {
    if (baseVersion === null) setBaseVersion(item.version);
    setForm({ ...current, [key]: value });
  };
  const mayUpdate = isSecretariat || session?.user.governmentId === item.leadGovernmentId;

  const save = async (values: typeof current, version: number) => {
    setError2(null);
    setSaved(false);
    const progress = Number(values.progress);
    const errs = { progress: Number.isInteger(progress) && progress >= 0 && progress <= 100 ? undefined : t('actionItems.progressInvalid') };
    setFieldErrors(errs);
    if (errs.progress) return;
    const patch: Record<string, unknown> = { version };
    if (values.status !== item.status || stale) patch.status = values.status;
    if (progress !== item.progress || stale) patch.progress = progress;
    try {
      if (patch.status === item.status && stale) delete patch.status;
      await api('PATCH', `/action-items/${id}`, patch);
      if (values.note.trim()) await api('POST', `/action-items/${id}/updates`, { note: values.note.trim() });
      setForm(null);
      setStale(null);
      setBaseVersion(null);
      setSaved(true);
    } catch (e) {
      const err = e as ApiError;
      if (err.reason === CommonReason.StaleVersion) {
        const [theirs, history] = await Promise.all([
          api<ActionItem>('GET', `/action-items/${id}`),
          api<Page<ActionItemUpdate> | ActionItemUpdate[]>('GET', `/action-items/${id}/updates?limit=100`).then((r) => (Array.isArray(r) ? r : r.items)),
        ]);
        const last = [...history].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        setStale({ mine: values, theirs, by: last?.authorName ?? null });
        setBaseVersion(theirs.version);
      } else if (err.forField?.('progress') || err.forField?.('status')) {
        setFieldErrors({ progress: err.forField('progress'), status: err.forField('status') });
      } else setError2(err);
    }
    await reload();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(current, baseVersion ?? item.version);
  };

  return (
    <>
      <PageHeading>
        <BilingualText record={item} field="title" />
      </PageHeading>
      <TranslationFlag record={item} />
      <dl className="facts">
        <dt>{t('actionItems.lead')}</dt>
        <dd>{governmentName(governments.find((g) => g.id === item.leadGovernmentId), lang)}</dd>
        {item.supportingGovernmentIds?.length ? (
          <>
            <dt>{t('actionItems.supporting')}</dt>
            <dd>{item.supportingGovernmentIds.map((g) => governmentName(governments.find((x) => x.id === g), lang)).join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('actionItems.dueOn')}</dt>
        <dd>
          {formatDate(item.dueOn, lang)} <DueFlag item={item} />
        </dd>
        <dt>{t('actionItems.status')}</dt>
        <dd data-testid="action-item-status">{t(`actionItems.statuses.${item.status}`)}</dd>
        <dt>{t('actionItems.progress')}</dt>
        <dd data-testid="action-item-progress">{item.progress}%</dd>
        {item.description ? (
          <>
            <dt>{t('actionItems.description')}</dt>
            <dd>
              <BilingualText record={item} field="description" />
            </dd>
          </>
        ) : null}
      </dl>
      {stale ? (
        <div role="alert">
          <GcdsNotice noticeRole="warning" noticeTitle={t('actionItems.staleTitle')} noticeTitleTag="h2">
            <GcdsText>
              {t('actionItems.staleBody', {
                who: stale.by ?? t('actionItems.someoneElse'),
                status: t(`actionItems.statuses.${stale.theirs.status}`),
                progress: stale.theirs.progress,
              })}
            </GcdsText>
            <div className="row-actions">
              <ActionButton variant="primary" onClick={() => void save(stale.mine, stale.theirs.version)}>
                {t('actionItems.reapply')}
              </ActionButton>
              <ActionButton onClick={() => { setStale(null); setForm(null); }}>{t('actionItems.discardMine')}</ActionButton>
            </div>
          </GcdsNotice>
        </div>
      ) : null}
      {saved ? <Success>{t('actionItems.saved')}</Success> : null}
      {mayUpdate ? (
        <form onSubmit={submit} noValidate className="narrow-form">
          <SectionHeading>{t('actionItems.update')}</SectionHeading>
          <FormError error={error2} />
          <SelectField id="item-status" label={t('actionItems.status')} value={current.status} onChange={set('status')} error={fieldErrors.status} options={STATUSES.map((s) => ({ value: s, label: t(`actionItems.statuses.${s}`) }))} />
          <NativeField id="item-progress" type="range" min="0" max="100" step="5" label={t('actionItems.progressValue', { value: current.progress })} value={current.progress} onChange={set('progress')} error={fieldErrors.progress} />
          <TextAreaField id="item-note" label={t('actionItems.note')} value={current.note} onChange={set('note')} rows={3} />
          <SubmitButton>{t('actionItems.save')}</SubmitButton>
        </form>
      ) : null}
      <SectionHeading>{t('actionItems.costs')}</SectionHeading>
      <dl className="facts">
        <dt>{t('actionItems.estimatedCost')}</dt>
        <dd>{formatMoney(item.estimatedCostCents, lang)}</dd>
        <dt>{t('actionItems.actualCost')}</dt>
        <dd>{formatMoney(item.actualCostCents, lang)}</dd>
      </dl>
      {item.costShares?.length ? (
        <TableScroll>
        <table className="data-table">
          <caption>{t('actionItems.costSharing')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bodies.government')}</th>
              <th scope="col">{t('actionItems.share')}</th>
              <th scope="col">{t('actionItems.shareAmount')}</th>
            </tr>
          </thead>
          <tbody>
            {item.costShares.map((s) => {
              const percent = s.basisPoints / 100;
              const base = item.actualCostCents ?? item.estimatedCostCents;
              return (
                <tr key={s.governmentId}>
                  <td>{governmentName(governments.find((g) => g.id === s.governmentId), lang)}</td>
                  <td>{percent.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA')} %</td>
                  <td>{base === null || base === undefined ? '—' : formatMoney(Math.round((base * percent) / 100), lang)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        </TableScroll>
      ) : (
        <p>{t('actionItems.noCostSharing')}</p>
      )}
      <SectionHeading>{t('actionItems.history')}</SectionHeading>
      <ol className="history" data-testid="action-item-history">
        {[...updates]
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .map((u) => (
            <li key={u.id}>
              <strong>{u.authorName ?? t('actionItems.someoneElse')}</strong> — {formatDateTime(u.createdAt, lang)}
              {u.status ? <> · {t(`actionItems.statuses.${u.status}`, { defaultValue: u.status })}</> : null}
              {u.progress !== null && u.progress !== undefined ? <> · {u.progress}%</> : null}
              {u.note ? <blockquote><BilingualText record={u} field="note" /></blockquote> : null}
            </li>
          ))}
      </ol>
    </>
  );
}
