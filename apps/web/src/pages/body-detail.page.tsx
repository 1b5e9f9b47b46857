import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { GcdsLink } from '@gcds-core/components-react';
import { BodyReason, MEMBERSHIP_ROLES, type MembershipRole } from '@forum/contracts';
import { api, ApiError, Page } from '../api/api-client';
import { listGovernments, listMembers } from '../api/queries';
import type { Body, Government, JoinRequest, Membership } from '../api/types';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { ActionButton, SubmitButton } from '../components/fields';
import { SelectField, TextAreaField } from '../components/choice-fields';
import { bodyName, FormError, governmentName, Loading, PageHeading, SectionHeading, Success, TableScroll } from '../components/ui';
import { ResourceError } from '../components/ui';
import { formatDate, formatDateTime } from '../i18n/format';
import { BilingualText } from '../components/bilingual';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DocumentsSection } from '../documents/documents.section';
import { useLiveEvents } from '../realtime/live-updates';
import { CreateActionItemForm } from './action-item-create.form';

/** A body whose end date is past takes no new action items (the API answers 409 body_closed). */
const isClosedBody = (body: Body) => Boolean(body.endsOn && body.endsOn < new Date().toISOString().slice(0, 10));

export function BodyDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session, isSecretariat } = useAuth();
  const lang = i18n.language;
  const { data, error, reload } = useResource(async () => {
    const [body, members, governments] = await Promise.all([api<Body>('GET', `/bodies/${id}`), listMembers(id, true), listGovernments()]);
    return { body, members, governments };
  }, [id]);
  useLiveEvents(['membership.changed', 'join-request.created', 'join-request.decided'], (_, p) => {
    if (p?.bodyId === id) void reload();
  });
  const [actionError, setActionError] = useState<ApiError | string | null>(null);
  // one write at a time: a second click meanwhile would race the first
  const [busy, setBusy] = useState(false);
  const [ending, setEnding] = useState<Membership | null>(null);

  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  const { body, members, governments } = data;
  const active = members.filter((m) => !m.endedAt);
  const ended = members.filter((m) => m.endedAt);
  const myGovernment = governments.find((g) => g.id === session?.user.governmentId);
  const mySeat = active.find((m) => m.governmentId === session?.user.governmentId);
  const canDecide = isSecretariat || mySeat?.role === 'co_chair';
  const mayAskToJoin = !isSecretariat && !mySeat && (myGovernment?.level === 'municipal' || myGovernment?.level === 'association');

  const run = async (work: () => Promise<unknown>, refused?: (e: ApiError) => string | null) => {
    setActionError(null);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setActionError(refused?.(e as ApiError) ?? (e as ApiError));
    }
    await reload();
    setBusy(false);
  };

  // One request that changes the role in place: a refusal leaves the seat, and its start, as they were.
  const makeCoChair = (m: Membership) =>
    run(
      () => api('PATCH', `/bodies/${id}/members/${m.governmentId}`, { role: 'co_chair' }),
      (e) => (e.reason === BodyReason.CoChairRule ? t('membershipChanges.coChairRefused', { name: governmentName(m.government, lang) }) : null),
    );

  return (
    <>
      <PageHeading>{bodyName(body, lang)}</PageHeading>
      <dl className="facts">
        <dt>{t('bodies.kind')}</dt>
        <dd>{t(`bodyKinds.${body.kind}`)}</dd>
        <dt>{t('bodies.duration')}</dt>
        <dd>
          {body.permanent
            ? t('bodies.permanent')
            : `${t('bodies.adHoc')}${body.endsOn ? ` — ${t('bodies.until', { date: formatDate(body.endsOn, lang) })}` : ''}`}
        </dd>
        {body.mandate ? (
          <>
            <dt>{t('bodies.mandate')}</dt>
            <dd>
              <BilingualText record={body} field="mandate" />
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <GcdsLink href={`/meetings?bodyId=${body.id}`}>{t('bodies.meetingsOfBody')}</GcdsLink> ·{' '}
        <GcdsLink href={`/accountability?bodyId=${body.id}`}>{t('bodies.accountabilityOfBody')}</GcdsLink> ·{' '}
        <GcdsLink href={`/bodies/${body.id}/funding`}>{t('funding.ofBody')}</GcdsLink> ·{' '}
        <GcdsLink href={`/indicators?bodyId=${body.id}`}>{t('bodies.indicatorsOfBody')}</GcdsLink>
      </p>
      <FormError error={actionError} />
      <SectionHeading>{t('bodies.members')}</SectionHeading>
      <TableScroll>
        <table className="data-table">
          <caption className="sr-only">{t('bodies.members')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bodies.government')}</th>
              <th scope="col">{t('bodies.role')}</th>
              <th scope="col">{t('bodies.since')}</th>
              {isSecretariat ? <th scope="col">{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {active.map((m) => (
              <tr key={m.id}>
                <td>{governmentName(m.government, lang)}</td>
                <td>{t(`roles.${m.role}`)}</td>
                <td>{formatDate(m.startedAt, lang)}</td>
                {isSecretariat ? (
                  <td className="row-actions">
                    {m.role !== 'co_chair' ? (
                      <ActionButton disabled={busy} onClick={() => void makeCoChair(m)}>
                        {t('bodies.makeCoChair', { name: governmentName(m.government, lang) })}
                      </ActionButton>
                    ) : null}
                    <ActionButton variant="danger" disabled={busy} onClick={() => setEnding(m)}>
                      {t('bodies.endMembership', { name: governmentName(m.government, lang) })}
                    </ActionButton>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ConfirmDialog
        open={ending !== null}
        heading={t('membershipChanges.endHeading', { name: governmentName(ending?.government, lang) })}
        body={
          <p>
            {t('membershipChanges.endBody', {
              name: governmentName(ending?.government, lang),
              since: ending ? formatDate(ending.startedAt, lang) : '',
              others:
                active
                  .filter((m) => m.governmentId !== ending?.governmentId)
                  .map((m) => governmentName(m.government, lang))
                  .join(', ') || '—',
            })}
          </p>
        }
        confirmLabel={t('membershipChanges.endConfirm', { name: governmentName(ending?.government, lang) })}
        onCancel={() => setEnding(null)}
        onConfirm={() => {
          const m = ending;
          setEnding(null);
          if (m) void run(() => api('DELETE', `/bodies/${id}/members/${m.governmentId}`));
        }}
      />
      {ended.length > 0 ? (
        <>
          <SectionHeading tag="h3">{t('bodies.formerMembers')}</SectionHeading>
          <ul>
            {ended.map((m) => (
              <li key={m.id}>
                {governmentName(m.government, lang)} ({t(`roles.${m.role}`)}) — {formatDate(m.startedAt, lang)} – {formatDate(m.endedAt, lang)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {isSecretariat && !isClosedBody(body) ? <CreateActionItemForm bodies={[body]} bodyId={id} /> : null}
      {isSecretariat ? (
        <AddMemberForm bodyId={id} governments={governments.filter((g) => !active.some((m) => m.governmentId === g.id))} onDone={reload} />
      ) : null}
      {canDecide ? <JoinRequestsForBody bodyId={id} governments={governments} onDecided={reload} /> : null}
      {mayAskToJoin ? <AskToJoin bodyId={id} /> : null}
      {isSecretariat || mySeat ? <DocumentsSection bodyId={id} governments={governments.filter((g) => active.some((m) => m.governmentId === g.id))} /> : null}
    </>
  );
}

function AddMemberForm({ bodyId, governments, onDone }: { bodyId: string; governments: Government[]; onDone(): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [governmentId, setGovernmentId] = useState('');
  const [role, setRole] = useState<MembershipRole>('member');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!governmentId) {
      setFieldError(t('bodies.chooseGovernment'));
      return;
    }
    setFieldError(undefined);
    try {
      await api('POST', `/bodies/${bodyId}/members`, { governmentId, role });
      setGovernmentId('');
      await onDone();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <section aria-labelledby="add-member">
      <SectionHeading>
        <span id="add-member">{t('bodies.addMember')}</span>
      </SectionHeading>
      <form onSubmit={submit} noValidate className="narrow-form">
        <FormError error={error} />
        <SelectField
          id="member-government"
          label={t('bodies.government')}
          value={governmentId}
          onChange={setGovernmentId}
          error={fieldError}
          defaultLabel={t('common.choose')}
          options={governments.map((g) => ({ value: g.id, label: governmentName(g, i18n.language) }))}
          required
        />
        <SelectField
          id="member-role"
          label={t('bodies.role')}
          value={role}
          onChange={(v) => setRole(v as MembershipRole)}
          options={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <SubmitButton>{t('bodies.addMemberSubmit')}</SubmitButton>
      </form>
    </section>
  );
}

function JoinRequestsForBody({ bodyId, governments, onDecided }: { bodyId: string; governments: Government[]; onDecided(): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const { data, reload } = useResource(() => api<Page<JoinRequest>>('GET', `/bodies/${bodyId}/join-requests?status=pending`).then((p) => p.items), [bodyId]);
  const [error, setError] = useState<ApiError | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const decide = async (r: JoinRequest, approve: boolean) => {
    setError(null);
    try {
      await api('POST', `/bodies/${bodyId}/join-requests/${r.id}/decision`, { approve, ...(reasons[r.id]?.trim() ? { reason: reasons[r.id].trim() } : {}) });
    } catch (e) {
      setError(e as ApiError);
    }
    await reload();
    await onDecided();
  };
  return (
    <section aria-labelledby="join-requests">
      <SectionHeading>
        <span id="join-requests">{t('joinRequests.pending')}</span>
      </SectionHeading>
      <FormError error={error} />
      {data && data.length === 0 ? <p>{t('joinRequests.nonePending')}</p> : null}
      {(data ?? []).map((r) => {
        const name = governmentName(
          governments.find((g) => g.id === r.governmentId),
          i18n.language,
        );
        return (
          <div key={r.id} className="card">
            <p>
              <strong>{name}</strong> — {formatDateTime(r.createdAt, i18n.language)}
            </p>
            {r.message ? <blockquote>{r.message}</blockquote> : null}
            <TextAreaField
              id={`reason-${r.id}`}
              label={t('joinRequests.reason', { name })}
              value={reasons[r.id] ?? ''}
              onChange={(v) => setReasons((x) => ({ ...x, [r.id]: v }))}
              rows={2}
            />
            <div className="row-actions">
              <ActionButton variant="primary" onClick={() => void decide(r, true)}>
                {t('joinRequests.approve', { name })}
              </ActionButton>
              <ActionButton variant="danger" onClick={() => void decide(r, false)}>
                {t('joinRequests.reject', { name })}
              </ActionButton>
            </div>
          </div>
        );
      })}
    </section>
  );
}

function AskToJoin({ bodyId }: { bodyId: string }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', `/bodies/${bodyId}/join-requests`, message.trim() ? { message: message.trim() } : {});
      setSent(true);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <section aria-labelledby="ask-to-join">
      <SectionHeading>
        <span id="ask-to-join">{t('joinRequests.ask')}</span>
      </SectionHeading>
      {sent ? (
        <Success>
          {t('joinRequests.sent')} <GcdsLink href="/join-requests">{t('joinRequests.seeMine')}</GcdsLink>
        </Success>
      ) : (
        <form onSubmit={submit} noValidate className="narrow-form">
          <FormError error={error} />
          <TextAreaField id="join-message" label={t('joinRequests.message')} value={message} onChange={setMessage} rows={3} />
          <SubmitButton>{t('joinRequests.askSubmit')}</SubmitButton>
        </form>
      )}
    </section>
  );
}
