import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { diffWords } from 'diff';
import { GcdsLink } from '@gcds-core/components-react';
import { api, ApiError, Page } from '../api/api-client';
import { listBodies, listMembers, pageOf } from '../api/queries';
import type { Body, Communique, Revision } from '../api/types';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { ActionButton, NativeField, SubmitButton, TextField } from '../components/fields';
import { SelectField, TextAreaField } from '../components/choice-fields';
import { bodyName, FormError, governmentName, Loading, PageHeading, SectionHeading, Success, TableScroll } from '../components/ui';
import { ResourceError } from '../components/ui';
import { formatDateTime, localInputToIso } from '../i18n/format';
import { useLiveEvents } from '../realtime/live-updates';
import { MarkdownField, RenderedText } from '../components/rendered-text';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Pager, usePage } from '../components/pager';
import type { CommuniqueSummary } from '../api/types';
import { BilingualText } from '../components/bilingual';
import { CorrectionNotice, CorrectionSection, ReservationForm, WithdrawalNotice, WithdrawSection } from './communique-actions.section';

export function CommuniquesPage() {
  const { t, i18n } = useTranslation();
  const { isSecretariat } = useAuth();
  const lang = i18n.language;
  const page = usePage();
  const { data, error, reload } = useResource(async () => {
    const [communiques, bodies] = await Promise.all([pageOf<CommuniqueSummary>('/communiques', { limit: page.limit, offset: page.offset }), listBodies()]);
    return { communiques, bodies };
  }, [page.offset]);
  useLiveEvents(['communique.updated', 'communique.published'], () => void reload());
  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <PageHeading>{t('communiques.title')}</PageHeading>
      <p>
        <GcdsLink href={`/${lang}/communiques`}>{t('communiques.publicLink')}</GcdsLink>
      </p>
      {data.communiques.total === 0 ? <p>{t('communiques.none')}</p> : null}
      <TableScroll>
        <table className="data-table">
          <caption className="sr-only">{t('communiques.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('communiques.titleColumn')}</th>
              <th scope="col">{t('meetings.body')}</th>
              <th scope="col">{t('communiques.status')}</th>
              <th scope="col">{t('communiques.revision')}</th>
            </tr>
          </thead>
          <tbody>
            {data.communiques.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <GcdsLink href={`/communiques/${c.id}`}>{lang === 'fr' ? c.titleFr || c.titleEn : c.titleEn || c.titleFr}</GcdsLink>
                </td>
                <td>
                  {bodyName(
                    data.bodies.find((b) => b.id === c.bodyId),
                    lang,
                  )}
                </td>
                <td>{t(`communiques.statuses.${c.status}`)}</td>
                <td>{c.revision}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Pager
        id="communiques"
        label={t('listPages.communiques')}
        total={data.communiques.total}
        offset={page.offset}
        limit={page.limit}
        onChange={page.setOffset}
      />
      {isSecretariat ? <CommuniqueEditor bodies={data.bodies} /> : null}
    </>
  );
}

/** English and French side by side: the two texts are one communiqué and are concurred on together. */
function CommuniqueEditor({ bodies, existing, onSaved }: { bodies: Body[]; existing?: Communique; onSaved?(): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState({
    bodyId: existing?.bodyId ?? '',
    titleEn: existing?.titleEn ?? '',
    titleFr: existing?.titleFr ?? '',
    bodyEn: existing?.bodyEn ?? '',
    bodyFr: existing?.bodyFr ?? '',
  });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const errs = { bodyId: form.bodyId ? undefined : t('meetings.bodyRequired'), titleEn: form.titleEn.trim() ? undefined : t('communiques.titleEnRequired') };
    setFieldErrors(errs);
    if (errs.bodyId || errs.titleEn) return;
    try {
      if (existing) {
        await api('PATCH', `/communiques/${existing.id}`, {
          titleEn: form.titleEn,
          titleFr: form.titleFr,
          bodyEn: form.bodyEn,
          bodyFr: form.bodyFr,
          revision: existing.revision,
        });
        await onSaved?.();
      } else {
        const created = await api<Communique>('POST', '/communiques', form);
        navigate(`/communiques/${created.id}`);
      }
    } catch (e) {
      const err = e as ApiError;
      const named = ['titleEn', 'titleFr', 'bodyEn', 'bodyFr'].filter((f) => err.forField?.(f));
      if (named.length) setFieldErrors(Object.fromEntries(named.map((f) => [f, err.forField(f)])));
      else setError(err);
    }
  };
  return (
    <section aria-labelledby="communique-editor">
      <SectionHeading>
        <span id="communique-editor">{existing ? t('communiques.edit') : t('communiques.create')}</span>
      </SectionHeading>
      <form onSubmit={submit} noValidate className="wide-form">
        <FormError error={error} />
        {existing ? null : (
          <SelectField
            id="communique-body"
            label={t('meetings.body')}
            value={form.bodyId}
            onChange={set('bodyId')}
            error={fieldErrors.bodyId}
            defaultLabel={t('common.choose')}
            options={bodies.map((b) => ({ value: b.id, label: bodyName(b, i18n.language) }))}
            required
          />
        )}
        <div className="side-by-side">
          <div lang="en">
            <TextField id="title-en" label={t('communiques.titleEn')} value={form.titleEn} onChange={set('titleEn')} error={fieldErrors.titleEn} required />
            <MarkdownField id="body-en" label={t('communiques.bodyEn')} value={form.bodyEn} onChange={set('bodyEn')} error={fieldErrors.bodyEn} rows={12} />
          </div>
          <div lang="fr">
            <TextField id="title-fr" label={t('communiques.titleFr')} value={form.titleFr} onChange={set('titleFr')} error={fieldErrors.titleFr} />
            <MarkdownField id="body-fr" label={t('communiques.bodyFr')} value={form.bodyFr} onChange={set('bodyFr')} error={fieldErrors.bodyFr} rows={12} />
          </div>
        </div>
        <SubmitButton>{existing ? t('communiques.saveRevision') : t('communiques.createSubmit')}</SubmitButton>
      </form>
    </section>
  );
}

function Diff({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  return (
    <p className="diff">
      {diffWords(before, after).map((part, i) =>
        part.added ? (
          <ins key={i} aria-label={t('communiques.added')}>
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={i} aria-label={t('communiques.removed')}>
            {part.value}
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </p>
  );
}

export function CommuniqueDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session, isSecretariat } = useAuth();
  const lang = i18n.language;
  const { data, error, reload } = useResource(async () => {
    const communique = await api<Communique>('GET', `/communiques/${id}`);
    const [members, bodies, revisions] = await Promise.all([
      listMembers(communique.bodyId),
      listBodies(),
      api<Page<Revision> | Revision[]>('GET', `/communiques/${id}/revisions`).then((r) => (Array.isArray(r) ? r : r.items)),
    ]);
    return { communique, members, bodies, revisions: revisions.sort((a, b) => a.number - b.number) };
  }, [id]);
  useLiveEvents(['communique.updated', 'communique.published'], (_, p) => {
    if (p?.id === id) void reload();
  });
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [objection, setObjection] = useState('');
  const [confirmingObjection, setConfirmingObjection] = useState(false);
  const [embargo, setEmbargo] = useState('');
  const [compare, setCompare] = useState('');
  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  const { communique: c, members, bodies, revisions } = data;
  // the API's reckoning on the current revision decides; the history only explains an older position
  const required =
    c.concurrence?.required ??
    members
      .filter((m) => m.role !== 'observer')
      .map((m) => ({ id: m.governmentId, code: m.government?.code ?? '', nameEn: m.government?.nameEn ?? '', nameFr: m.government?.nameFr ?? '' }));
  const has = (list: { id: string }[] | undefined, governmentId: string) => Boolean(list?.some((g) => g.id === governmentId));
  const latestOf = (governmentId: string) =>
    (c.concurrences ?? [])
      .filter((x) => x.governmentId === governmentId)
      .sort((a, b) => b.revision - a.revision || (b.concurredAt ?? '').localeCompare(a.concurredAt ?? ''))[0];
  const stateOf = (governmentId: string) => {
    const latest = latestOf(governmentId);
    const onCurrent = latest && latest.revision === c.revision;
    if (has(c.concurrence?.objections, governmentId)) return t('communiques.concurrence.objected');
    if (has(c.concurrence?.concurred, governmentId)) {
      return onCurrent && latest.position === 'concur_with_reservation' ? t('communiques.concurrence.reservation') : t('communiques.concurrence.concurred');
    }
    if (latest && !onCurrent) {
      return latest.position === 'object'
        ? t('communiques.concurrence.staleObjection', { revision: latest.revision })
        : t('communiques.concurrence.stale', { revision: latest.revision });
    }
    return t('communiques.concurrence.awaiting');
  };
  const commentOf = (governmentId: string) => {
    const latest = latestOf(governmentId);
    return latest && latest.revision === c.revision ? <BilingualText record={latest} field="comment" /> : null;
  };
  // a correction of the published text goes to concurrence while the communiqué stays published
  const correctionPending = c.correction?.status === 'in_concurrence';
  const mySeat = required.find((g) => g.id === session?.user.governmentId);
  const run = async (work: () => Promise<unknown>, message: string) => {
    setActionError(null);
    setDone(null);
    try {
      await work();
      setDone(message);
    } catch (e) {
      setActionError(e as ApiError);
    }
    await reload();
  };
  /** a form that did its own request: the page says it was done, and shows the communiqué as it now stands */
  const acted = async (message: string) => {
    setActionError(null);
    setDone(message);
    await reload();
  };
  const previous = revisions.find((r) => String(r.number) === compare) ?? revisions[revisions.length - 2];
  const editable = isSecretariat && (c.status === 'draft' || c.status === 'in_concurrence' || c.status === 'approved');
  return (
    <>
      <PageHeading>{lang === 'fr' ? c.titleFr || c.titleEn : c.titleEn || c.titleFr}</PageHeading>
      <dl className="facts">
        <dt>{t('meetings.body')}</dt>
        <dd>
          {bodyName(
            bodies.find((b) => b.id === c.bodyId),
            lang,
          )}
        </dd>
        <dt>{t('communiques.status')}</dt>
        <dd data-testid="communique-status">{t(`communiques.statuses.${c.status}`)}</dd>
        <dt>{t('communiques.revision')}</dt>
        <dd>{c.revision}</dd>
        {c.embargoUntil ? (
          <>
            <dt>{t('communiques.embargoUntil')}</dt>
            <dd>{formatDateTime(c.embargoUntil, lang)}</dd>
          </>
        ) : null}
      </dl>
      <WithdrawalNotice communique={c} />
      <CorrectionNotice communique={c} revisions={revisions} />
      <FormError error={actionError} />
      {done ? <Success>{done}</Success> : null}
      <div className="side-by-side">
        <article lang="en">
          <SectionHeading>{c.titleEn}</SectionHeading>
          <RenderedText html={c.htmlEn} testId="communique-text-en" />
        </article>
        <article lang="fr">
          <SectionHeading>{c.titleFr}</SectionHeading>
          <RenderedText html={c.htmlFr} testId="communique-text-fr" />
        </article>
      </div>
      <SectionHeading>{t('communiques.concurrenceTitle')}</SectionHeading>
      <TableScroll>
        <table className="data-table">
          <caption className="sr-only">{t('communiques.concurrenceTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bodies.government')}</th>
              <th scope="col">{t('communiques.concurrenceState')}</th>
              <th scope="col">{t('communiques.concurrenceComment')}</th>
            </tr>
          </thead>
          <tbody>
            {required.map((g) => (
              <tr key={g.id}>
                <td>{governmentName(g, lang)}</td>
                <td data-testid={`concurrence-${g.id}`}>{stateOf(g.id)}</td>
                <td data-testid={`concurrence-comment-${g.id}`}>{commentOf(g.id)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {mySeat && (c.status === 'in_concurrence' || correctionPending) ? (
        <div className="card">
          <div className="row-actions">
            <ActionButton
              variant="primary"
              onClick={() => void run(() => api('POST', `/communiques/${id}/concurrences`, { revision: c.revision }), t('communiques.concurred'))}
            >
              {t('communiques.concur', { revision: c.revision })}
            </ActionButton>
          </div>
          <TextAreaField id="objection" label={t('communiques.objection')} value={objection} onChange={setObjection} rows={2} />
          <ActionButton variant="danger" onClick={() => setConfirmingObjection(true)}>
            {t('communiques.object')}
          </ActionButton>
          <ConfirmDialog
            open={confirmingObjection}
            heading={t('communiqueObjection.heading', { revision: c.revision })}
            body={
              <p>
                {t('communiqueObjection.body', {
                  governments:
                    required
                      .filter((g) => g.id !== session?.user.governmentId)
                      .map((g) => (lang === 'fr' ? g.nameFr : g.nameEn))
                      .join(', ') || '—',
                })}
              </p>
            }
            confirmLabel={t('communiqueObjection.confirm')}
            onCancel={() => setConfirmingObjection(false)}
            onConfirm={() => {
              setConfirmingObjection(false);
              void run(
                () =>
                  api('POST', `/communiques/${id}/concurrences`, {
                    revision: c.revision,
                    position: 'object',
                    ...(objection.trim() ? { comment: objection.trim() } : {}),
                  }),
                t('communiques.objected'),
              );
            }}
          />
          <ReservationForm communique={c} onDone={acted} />
        </div>
      ) : null}
      {isSecretariat ? (
        <div className="card">
          {c.status === 'draft' ? (
            <ActionButton variant="primary" onClick={() => void run(() => api('POST', `/communiques/${id}/submit`), t('communiques.submitted'))}>
              {t('communiques.submit')}
            </ActionButton>
          ) : null}
          {c.status === 'in_concurrence' || c.status === 'approved' ? (
            <>
              <NativeField
                id="embargo"
                type="datetime-local"
                label={t('communiques.embargoUntil')}
                hint={t('communiques.embargoHint')}
                value={embargo}
                onChange={setEmbargo}
              />
              <ActionButton
                variant="primary"
                onClick={() =>
                  void run(
                    () => api('POST', `/communiques/${id}/publish`, embargo ? { embargoUntil: localInputToIso(embargo) } : {}),
                    embargo ? t('communiques.embargoed') : t('communiques.publishedNow'),
                  )
                }
              >
                {embargo ? t('communiques.publishAtEmbargo') : t('communiques.publish')}
              </ActionButton>
            </>
          ) : null}
          {correctionPending ? (
            <ActionButton variant="primary" onClick={() => void run(() => api('POST', `/communiques/${id}/publish`, {}), t('communiqueCorrections.published'))}>
              {t('communiqueCorrections.publish', { revision: c.revision })}
            </ActionButton>
          ) : null}
        </div>
      ) : null}
      {revisions.length > 1 && previous ? (
        <section aria-labelledby="revision-diff">
          <SectionHeading>
            <span id="revision-diff">{t('communiques.diffTitle', { from: previous.number, to: c.revision })}</span>
          </SectionHeading>
          <div className="narrow-form">
            <SelectField
              id="compare-revision"
              label={t('communiques.compareWith')}
              value={String(previous.number)}
              onChange={setCompare}
              options={revisions
                .filter((r) => r.number !== c.revision)
                .map((r) => ({ value: String(r.number), label: t('communiques.revisionN', { n: r.number }) }))}
            />
          </div>
          <div className="side-by-side">
            <div lang="en">
              <Diff before={`${previous.titleEn}\n\n${previous.bodyEn}`} after={`${c.titleEn}\n\n${c.bodyEn}`} />
            </div>
            <div lang="fr">
              <Diff before={`${previous.titleFr}\n\n${previous.bodyFr}`} after={`${c.titleFr}\n\n${c.bodyFr}`} />
            </div>
          </div>
        </section>
      ) : null}
      {editable ? <CommuniqueEditor key={c.revision} bodies={bodies} existing={c} onSaved={reload} /> : null}
      {isSecretariat && c.status === 'published' ? (
        <>
          <CorrectionSection key={`correct-${c.revision}`} communique={c} onDone={acted} />
          <WithdrawSection communique={c} members={members} onDone={reload} />
        </>
      ) : null}
    </>
  );
}
