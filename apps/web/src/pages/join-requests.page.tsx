import { useTranslation } from 'react-i18next';
import { GcdsLink } from '@gcds-core/components-react';
import { api, Page } from '../api/api-client';
import { listBodies } from '../api/queries';
import type { JoinRequest } from '../api/types';
import { useResource } from '../api/use-resource';
import { bodyName, Loading, PageHeading, SectionHeading, TableScroll } from '../components/ui';
import { formatDateTime } from '../i18n/format';
import { useLiveEvents } from '../realtime/live-updates';

/** A municipality or FCM official: the working groups it may ask to join, and what became of its requests. */
export function JoinRequestsPage() {
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
                <GcdsLink href={`/bodies/${r.bodyId}`}>{bodyName(data.bodies.find((b) => b.id === r.bodyId), lang)}</GcdsLink>
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
