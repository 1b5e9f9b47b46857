import { useTranslation } from 'react-i18next';
import { GcdsLink } from '@gcds-core/components-react';
import { useAuth } from '../auth/auth-context';
import type { IndicatorLevel, IndicatorView } from '@forum/contracts';
import { api, Page } from '../api/api-client';
import type { Communique } from '../api/types';
import { useResource } from '../api/use-resource';
import { listActionItems, listCommuniques, listMeetings, myBodies } from '../api/queries';
import { bodyName, FormError, Loading, PageHeading, SectionHeading } from '../components/ui';
import { daysUntil, formatDate, formatDateTime } from '../i18n/format';
import { useLiveEvents } from '../realtime/live-updates';
import { LevelBadge } from './indicators.page';
import { BilingualText } from '../components/bilingual';
import { NotificationList } from './notifications.page';

interface StandingAlert {
  indicatorId: string;
  bodyId: string;
  period: string;
  level: IndicatorLevel;
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { session, isSecretariat } = useAuth();
  const governmentId = session?.user.governmentId ?? null;
  const { data, error, reload } = useResource(async () => {
    const [bodies, meetings, items, communiques, standing, indicators] = await Promise.all([
      myBodies(governmentId),
      listMeetings(),
      listActionItems(),
      listCommuniques(),
      api<Page<StandingAlert>>('GET', '/indicators/alerts/standing').then((p) => p.items),
      api<Page<IndicatorView>>('GET', '/indicators?limit=200').then((p) => p.items),
    ]);
    const now = Date.now();
    // the list carries no concurrence; the few communiqués in concurrence are read whole to see whom they await
    const inConcurrence = governmentId ? communiques.filter((c) => c.status === 'in_concurrence') : [];
    const details = await Promise.all(inConcurrence.map((c) => api<Communique>('GET', `/communiques/${c.id}`)));
    return {
      bodies,
      standing: standing.map((a) => ({ ...a, indicator: indicators.find((i) => i.id === a.indicatorId) })),
      meetings: meetings.filter((m) => new Date(m.endsAt).getTime() >= now && m.status !== 'cancelled').sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      items: items
        .filter((i) => (isSecretariat || i.leadGovernmentId === governmentId) && i.status !== 'done' && i.status !== 'cancelled')
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
      awaiting: details.filter((c): c is Communique => Boolean(c?.concurrence?.awaiting.some((g) => g.id === governmentId))),
    };
  }, [governmentId, isSecretariat]);
  useLiveEvents(['meeting.created', 'meeting.updated', 'meeting.cancelled', 'action-item.created', 'action-item.updated', 'communique.updated', 'membership.changed'], () => void reload());

  const lang = i18n.language;
  return (
    <>
      <PageHeading>{t('dashboard.title')}</PageHeading>
      {error ? (
        <FormError error={error} />
      ) : !data ? (
        <Loading />
      ) : (
        <div className="dashboard">
          <section aria-labelledby="dash-bodies">
            <SectionHeading>
              <span id="dash-bodies">{t('dashboard.myBodies')}</span>
            </SectionHeading>
            {data.bodies.length === 0 ? <p>{t('dashboard.noBodies')}</p> : null}
            <ul>
              {data.bodies.map((b) => (
                <li key={b.id}>
                  <GcdsLink href={`/bodies/${b.id}`}>{bodyName(b, lang)}</GcdsLink>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="dash-meetings">
            <SectionHeading>
              <span id="dash-meetings">{t('dashboard.upcomingMeetings')}</span>
            </SectionHeading>
            {data.meetings.length === 0 ? <p>{t('dashboard.noMeetings')}</p> : null}
            <ul>
              {data.meetings.slice(0, 10).map((m) => (
                <li key={m.id}>
                  <GcdsLink href={`/meetings/${m.id}`}><BilingualText record={m} field="title" /></GcdsLink> — {formatDateTime(m.startsAt, lang)}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="dash-items">
            <SectionHeading>
              <span id="dash-items">{isSecretariat ? t('dashboard.openActionItems') : t('dashboard.myActionItems')}</span>
            </SectionHeading>
            {data.items.length === 0 ? <p>{t('dashboard.noActionItems')}</p> : null}
            <ul>
              {data.items.slice(0, 15).map((i) => {
                const days = daysUntil(i.dueOn);
                const flag = days < 0 ? 'overdue' : days <= 3 ? 'due-soon' : null;
                return (
                  <li key={i.id} className={flag ?? undefined}>
                    <GcdsLink href={`/action-items/${i.id}`}><BilingualText record={i} field="title" /></GcdsLink> — {t('actionItems.due', { date: formatDate(i.dueOn, lang) })}
                    {flag ? <strong className={`flag flag-${flag}`}> {t(`actionItems.${flag === 'overdue' ? 'overdue' : 'dueSoon'}`)}</strong> : null}
                  </li>
                );
              })}
            </ul>
          </section>
          <section aria-labelledby="dash-indicators">
            <SectionHeading>
              <span id="dash-indicators">{t('indicators.standing')}</span>
            </SectionHeading>
            {data.standing.length === 0 ? <p>{t('indicators.noneStanding')}</p> : null}
            <ul>
              {data.standing.map((a) => (
                <li key={a.indicatorId}>
                  <LevelBadge level={a.level} /> <GcdsLink href={`/indicators/${a.indicatorId}`}>{a.indicator?.name ?? a.indicatorId}</GcdsLink> ({a.period}) —{' '}
                  {bodyName(data.bodies.find((b) => b.id === a.bodyId), lang)}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="dash-communiques">
            <SectionHeading>
              <span id="dash-communiques">{t('dashboard.awaitingConcurrence')}</span>
            </SectionHeading>
            {data.awaiting.length === 0 ? <p>{t('dashboard.noneAwaiting')}</p> : null}
            <ul>
              {data.awaiting.map((c) => (
                <li key={c.id}>
                  <GcdsLink href={`/communiques/${c.id}`}>{lang === 'fr' ? c.titleFr : c.titleEn}</GcdsLink>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="dash-notifications">
            <SectionHeading>
              <span id="dash-notifications">{t('notifications.title')}</span>
            </SectionHeading>
            <NotificationList limit={5} />
          </section>
        </div>
      )}
    </>
  );
}
