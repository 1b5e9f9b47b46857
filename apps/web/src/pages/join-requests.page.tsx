import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GcdsLink } from '@gcds-core/components-react';
import { api, ApiError, Page } from '../api/api-client';
import { listBodies, listGovernments } from '../api/queries';
import type { Body, Government, JoinRequest } from '../api/types';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { BilingualText } from '../components/bilingual';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ActionButton } from '../components/fields';
import { TextAreaField } from '../components/choice-fields';
import { bodyName, FormError, governmentName, Loading, PageHeading, SectionHeading, Success, TableScroll } from '../components/ui';
import { formatDateTime } from '../i18n/format';
import { useLiveEvents } from '../realtime/live-updates';
import { Pager, usePage } from '../components/pager';

/** A municipality or FCM official: the working groups it may ask to join, and what became of its requests. */
export function JoinRequestsPage() {
  const { isSecretariat } = useAuth();
  const { t } = useTranslation();
  if (isSecretariat) {
    return (
      <>
        <PageHeading>{t('joinRequestDecisions.title')}</PageHeading>
        <PendingJoinRequests />
      </>
    );
  }
  return <OwnJoinRequests />;
}

function OwnJoinRequests() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, reload } = useResource(async () => {
    const [requests, bodies] = await Promise.all([api<Page<JoinRequest>>('GET', '/join-requests?limit=100').then((p) => p.items), listBodies()]);
    return { requests, bodies };
  }, []);
  useLiveEvents(['join-request.decided', 'membership.changed', 'notification'], () => void reload());
  if (!data) return <Loading />;
  const workingGroups = data.bodies.filter((b) => b.kind === 'working_group' || b.kind === 'subgroup' || b.kind === 'table');
  return (
    <>
      <PageHeading>{t('joinRequests.title')}</PageHeading>
      <PendingJoinRequests />
      <SectionHeading>{t('joinRequests.mine')}</SectionHeading>
      {data.requests.length === 0 ? <p>{t('joinRequests.noneMine')}</p> : null}
      <TableScroll>
        <table className="data-table">
          <caption className="sr-only">{t('joinRequests.mine')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('joinRequests.body')}</th>
              <th scope="col">{t('joinRequests.askedOn')}</th>
              <th scope="col">{t('joinRequests.status')}</th>
              <th scope="col">{t('joinRequests.decisionReason')}</th>
            </tr>
          </thead>
          <tbody>
            {data.requests.map((r) => (
              <tr key={r.id}>
                <td>
                  <GcdsLink href={`/bodies/${r.bodyId}`}>
                    {bodyName(
                      data.bodies.find((b) => b.id === r.bodyId),
                      lang,
                    )}
                  </GcdsLink>
                </td>
                <td>{formatDateTime(r.createdAt, lang)}</td>
                <td>
                  <span className={`status status-${r.status}`} data-testid={`join-status-${r.bodyId}`}>
                    {t(`joinRequests.statuses.${r.status}`)}
                  </span>
                </td>
                <td>{r.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <SectionHeading>{t('joinRequests.browse')}</SectionHeading>
      <ul>
        {workingGroups.map((b) => (
          <li key={b.id}>
            <GcdsLink href={`/bodies/${b.id}`}>{bodyName(b, lang)}</GcdsLink> — {t(`bodyKinds.${b.kind}`)}
          </li>
        ))}
      </ul>
    </>
  );
}

interface PendingRequest {
  request: JoinRequest;
  body: Body;
}

/**
 * The requests awaiting the caller's decision, across the bodies it decides for, oldest first, in one request to the
 * API (every body's for the secretariat, the co-chaired bodies' for an official). Shown to the secretariat always, to
 * an official when something awaits it.
 */
function PendingJoinRequests() {
  const { t, i18n } = useTranslation();
  const { isSecretariat } = useAuth();
  const page = usePage();
  const { data, error, reload } = useResource(async () => {
    const [requests, bodies, governments] = await Promise.all([
      api<Page<JoinRequest>>('GET', `/join-requests/to-decide?status=pending&${page.query}`),
      listBodies(),
      listGovernments(),
    ]);
    const pending = requests.items.flatMap((request) => {
      const body = bodies.find((b) => b.id === request.bodyId);
      return body ? [{ request, body }] : [];
    });
    return { decides: isSecretariat || requests.total > 0, pending, total: requests.total, governments };
  }, [isSecretariat, page.offset]);
  useLiveEvents(['join-request.created', 'join-request.decided', 'membership.changed', 'notification'], () => void reload());
  const [decided, setDecided] = useState<string | null>(null);
  if (error) return <FormError error={error} />;
  if (!data) return <Loading />;
  if (!data.decides) return null;
  return (
    <section aria-labelledby="pending-join-requests">
      <SectionHeading>
        <span id="pending-join-requests">{t('joinRequestDecisions.pending')}</span>
      </SectionHeading>
      <p>{t('joinRequestDecisions.intro')}</p>
      {decided ? <Success>{decided}</Success> : null}
      {data.pending.length === 0 ? <p>{t('joinRequests.nonePending')}</p> : null}
      <ul className="card-list">
        {data.pending.map(({ request, body }) => (
          <PendingJoinRequestCard
            key={request.id}
            request={request}
            body={body}
            government={data.governments.find((g) => g.id === request.governmentId)}
            lang={i18n.language}
            onDecided={async (message) => {
              setDecided(message);
              await reload();
            }}
          />
        ))}
      </ul>
      <Pager
        id="pending-join-requests"
        label={t('joinRequestDecisions.pending')}
        total={data.total}
        offset={page.offset}
        limit={page.limit}
        onChange={page.setOffset}
      />
    </section>
  );
}

function PendingJoinRequestCard({
  request,
  body,
  government,
  lang,
  onDecided,
}: PendingRequest & { government?: Government; lang: string; onDecided(message: string): Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const name = governmentName(government, lang);
  const group = bodyName(body, lang);
  const decide = async (approve: boolean) => {
    setConfirming(false);
    setError(null);
    try {
      await api('POST', `/bodies/${body.id}/join-requests/${request.id}/decision`, { approve, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      await onDecided(t(approve ? 'joinRequestDecisions.approved' : 'joinRequestDecisions.refused', { name, body: group }));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, null));
    }
  };
  return (
    <li className="card" data-testid="pending-join-request">
      <p>
        <strong>{name}</strong> — <GcdsLink href={`/bodies/${body.id}`}>{group}</GcdsLink> — {formatDateTime(request.createdAt, lang)}
      </p>
      {request.message || request.messageEn || request.messageFr ? (
        <blockquote>
          <BilingualText record={request} field="message" />
        </blockquote>
      ) : null}
      <FormError error={error} />
      <TextAreaField id={`decision-reason-${request.id}`} label={t('joinRequests.reason', { name })} value={reason} onChange={setReason} rows={2} />
      <div className="row-actions">
        <ActionButton variant="primary" onClick={() => void decide(true)}>
          {t('joinRequests.approve', { name })}
        </ActionButton>
        <ActionButton variant="danger" onClick={() => setConfirming(true)}>
          {t('joinRequestDecisions.refuse', { name })}
        </ActionButton>
      </div>
      <ConfirmDialog
        open={confirming}
        heading={t('joinRequestDecisions.confirmHeading', { name, body: group })}
        body={t('joinRequestDecisions.confirmBody', { name })}
        confirmLabel={t('joinRequestDecisions.confirm')}
        onConfirm={() => void decide(false)}
        onCancel={() => setConfirming(false)}
      />
    </li>
  );
}
