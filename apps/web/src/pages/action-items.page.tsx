import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { GcdsLink, GcdsNotice, GcdsText } from '@gcds-core/components-react';
import { CommonReason } from '@forum/contracts';
import { api, ApiError, Page } from '../api/api-client';
import { listBodies, listGovernments, pageOf } from '../api/queries';
import type { ActionItem, ActionItemUpdate } from '../api/types';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { ActionButton, NativeField, SubmitButton } from '../components/fields';
import { SelectField, TextAreaField } from '../components/choice-fields';
import { bodyName, FormError, governmentName, Loading, PageHeading, SectionHeading, Success, TableScroll } from '../components/ui';
import { ResourceError } from '../components/ui';
import { useDateModified } from '../layout/furniture';
import { daysUntil, formatDate, formatDateTime } from '../i18n/format';
import { BilingualText, TranslationFlag } from '../components/bilingual';
import { useLiveEvents } from '../realtime/live-updates';
import { CostsSection } from './action-item-costs.section';
import { CreateActionItemForm } from './action-item-create.form';
import { Pager, usePage } from '../components/pager';

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
  const { isSecretariat } = useAuth();
  const lang = i18n.language;
  const [status, setStatus] = useState('');
  const page = usePage([status]);
  const { data, error, reload } = useResource(async () => {
    const [items, bodies, governments] = await Promise.all([
      pageOf<ActionItem>('/action-items', { status, sort: 'dueOn', limit: page.limit, offset: page.offset }),
      listBodies(),
      listGovernments(),
    ]);
    return { items, bodies, governments };
  }, [status, page.offset]);
  useLiveEvents(['action-item.created', 'action-item.updated'], () => void reload());
  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <PageHeading>{t('actionItems.title')}</PageHeading>
      <div className="narrow-form">
        <SelectField
          id="items-status-filter"
          label={t('actionItems.status')}
          value={status}
          onChange={setStatus}
          defaultLabel={t('listFilters.all')}
          options={STATUSES.map((s) => ({ value: s, label: t(`actionItems.statuses.${s}`) }))}
        />
      </div>
      {data.items.total === 0 ? <p>{t('actionItems.none')}</p> : null}
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
            {data.items.items.map((i) => (
              <tr key={i.id} data-testid={`action-item-row-${i.id}`}>
                <td>
                  <GcdsLink href={`/action-items/${i.id}`}>
                    <BilingualText record={i} field="title" />
                  </GcdsLink>
                </td>
                <td>
                  {bodyName(
                    data.bodies.find((b) => b.id === i.bodyId),
                    lang,
                  )}
                </td>
                <td>
                  {governmentName(
                    data.governments.find((g) => g.id === i.leadGovernmentId),
                    lang,
                  )}
                </td>
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
      <Pager id="action-items" label={t('listPages.actionItems')} total={data.items.total} offset={page.offset} limit={page.limit} onChange={page.setOffset} />
      {isSecretariat ? <CreateActionItemForm bodies={data.bodies} /> : null}
    </>
  );
}

interface EditValues {
  status: string;
  progress: string;
  note: string;
}

/** What an edit started from: the fields as read, and the version they were read at. */
interface EditBase {
  status: string;
  progress: string;
  version: number;
}

const EDITED_FIELDS = ['status', 'progress'] as const;
type EditedField = (typeof EDITED_FIELDS)[number];

interface StaleState {
  mine: EditValues;
  base: EditBase;
  theirs: ActionItem;
  /** the fields the other person changed since my edit began, from → to */
  theirChanges: { field: EditedField; from: string; to: string }[];
  by: string | null;
}

const baseOf = (item: ActionItem): EditBase => ({ status: item.status, progress: String(item.progress), version: item.version });
/** only the fields this user changed: a field they never touched is never sent back, so it cannot undo someone else's change */
const changedFields = (values: EditValues, base: EditBase): EditedField[] => EDITED_FIELDS.filter((f) => values[f] !== base[f]);

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
  const [form, setForm] = useState<EditValues | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [error2, setError2] = useState<ApiError | null>(null);
  const [stale, setStale] = useState<StaleState | null>(null);
  const [saved, setSaved] = useState(false);
  // What my edits are based on: a live refresh while I type must not make them look current.
  const [base, setBase] = useState<EditBase | null>(null);

  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  const { item, governments, updates } = data;
  const current: EditValues = form ?? { status: item.status, progress: String(item.progress), note: '' };
  const set = (key: keyof EditValues) => (value: string) => {
    if (base === null) setBase(baseOf(item));
    setForm({ ...current, [key]: value });
  };
  const mayUpdate = isSecretariat || session?.user.governmentId === item.leadGovernmentId;
  const showField = (field: EditedField, value: string) => (field === 'status' ? t(`actionItems.statuses.${value}`, { defaultValue: value }) : `${value} %`);

  /** Sends the fields changed since `from`, at `version` (the one read, or after a conflict the other person's). */
  const save = async (values: EditValues, from: EditBase, version: number) => {
    setError2(null);
    setSaved(false);
    const progress = Number(values.progress);
    const errs = { progress: Number.isInteger(progress) && progress >= 0 && progress <= 100 ? undefined : t('actionItems.progressInvalid') };
    setFieldErrors(errs);
    if (errs.progress) return;
    const changed = changedFields(values, from);
    const patch: Record<string, unknown> = { version };
    if (changed.includes('status')) patch.status = values.status;
    if (changed.includes('progress')) patch.progress = progress;
    try {
      if (changed.length) await api('PATCH', `/action-items/${id}`, patch);
      if (values.note.trim()) await api('POST', `/action-items/${id}/updates`, { note: values.note.trim() });
      setForm(null);
      setStale(null);
      setBase(null);
      setSaved(true);
    } catch (e) {
      const err = e as ApiError;
      if (err.reason === CommonReason.StaleVersion) {
        const [theirs, history] = await Promise.all([
          api<ActionItem>('GET', `/action-items/${id}`),
          api<Page<ActionItemUpdate> | ActionItemUpdate[]>('GET', `/action-items/${id}/updates?limit=100`).then((r) => (Array.isArray(r) ? r : r.items)),
        ]);
        const last = [...history].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        const now = baseOf(theirs);
        const theirChanges = EDITED_FIELDS.filter((f) => now[f] !== from[f]).map((field) => ({ field, from: from[field], to: now[field] }));
        // my edit still starts from what I read: reapplying compares against that, not against their version
        setStale({ mine: values, base: from, theirs, theirChanges, by: last?.authorName ?? null });
      } else if (err.forField?.('progress') || err.forField?.('status')) {
        setFieldErrors({ progress: err.forField('progress'), status: err.forField('status') });
      } else setError2(err);
    }
    await reload();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const from = base ?? baseOf(item);
    void save(current, from, stale?.theirs.version ?? from.version);
  };

  return (
    <>
      <PageHeading>
        <BilingualText record={item} field="title" />
      </PageHeading>
      <TranslationFlag record={item} />
      <dl className="facts">
        <dt>{t('actionItems.lead')}</dt>
        <dd>
          {governmentName(
            governments.find((g) => g.id === item.leadGovernmentId),
            lang,
          )}
        </dd>
        {item.supportingGovernmentIds?.length ? (
          <>
            <dt>{t('actionItems.supporting')}</dt>
            <dd>
              {item.supportingGovernmentIds
                .map((g) =>
                  governmentName(
                    governments.find((x) => x.id === g),
                    lang,
                  ),
                )
                .join(', ')}
            </dd>
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
            <GcdsText>{t('staleEdit.changedBy', { who: stale.by ?? t('actionItems.someoneElse') })}</GcdsText>
            <ul data-testid="stale-their-changes">
              {stale.theirChanges.length === 0 ? <li>{t('staleEdit.noFieldChanged')}</li> : null}
              {stale.theirChanges.map((c) => (
                <li key={c.field}>
                  {t('staleEdit.fieldChange', { field: t(`actionItems.${c.field}`), from: showField(c.field, c.from), to: showField(c.field, c.to) })}
                </li>
              ))}
            </ul>
            <GcdsText>
              {changedFields(stale.mine, stale.base).length
                ? t('staleEdit.reapplyWill', {
                    fields: changedFields(stale.mine, stale.base)
                      .map((f) => `${t(`actionItems.${f}`)} (${showField(f, stale.mine[f])})`)
                      .join(', '),
                  })
                : t('staleEdit.nothingToReapply')}
            </GcdsText>
            <div className="row-actions">
              <ActionButton variant="primary" onClick={() => void save(stale.mine, stale.base, stale.theirs.version)}>
                {t('actionItems.reapply')}
              </ActionButton>
              <ActionButton
                onClick={() => {
                  setStale(null);
                  setForm(null);
                  setBase(null);
                }}
              >
                {t('actionItems.discardMine')}
              </ActionButton>
            </div>
          </GcdsNotice>
        </div>
      ) : null}
      {saved ? <Success>{t('actionItems.saved')}</Success> : null}
      {mayUpdate ? (
        <form onSubmit={submit} noValidate className="narrow-form">
          <SectionHeading>{t('actionItems.update')}</SectionHeading>
          <FormError error={error2} />
          <SelectField
            id="item-status"
            label={t('actionItems.status')}
            value={current.status}
            onChange={set('status')}
            error={fieldErrors.status}
            options={STATUSES.map((s) => ({ value: s, label: t(`actionItems.statuses.${s}`) }))}
          />
          <NativeField
            id="item-progress"
            type="range"
            min="0"
            max="100"
            step="5"
            label={t('actionItems.progressValue', { value: current.progress })}
            value={current.progress}
            onChange={set('progress')}
            error={fieldErrors.progress}
          />
          <TextAreaField id="item-note" label={t('actionItems.note')} value={current.note} onChange={set('note')} rows={3} />
          <SubmitButton>{t('actionItems.save')}</SubmitButton>
        </form>
      ) : null}
      <CostsSection item={item} governments={governments} mayEditAll={isSecretariat} mayEditActual={mayUpdate} onSaved={reload} />
      <SectionHeading>{t('actionItems.history')}</SectionHeading>
      <ol className="history" data-testid="action-item-history">
        {[...updates]
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .map((u) => (
            <li key={u.id}>
              <strong>{u.authorName ?? t('actionItems.someoneElse')}</strong> — {formatDateTime(u.createdAt, lang)}
              {u.status ? <> · {t(`actionItems.statuses.${u.status}`, { defaultValue: u.status })}</> : null}
              {u.progress !== null && u.progress !== undefined ? <> · {u.progress}%</> : null}
              {u.note ? (
                <blockquote>
                  <BilingualText record={u} field="note" />
                </blockquote>
              ) : null}
            </li>
          ))}
      </ol>
    </>
  );
}
