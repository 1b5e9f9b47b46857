import { useTranslation } from 'react-i18next';
import { GcdsLink } from '@gcds-core/components-react';
import { useAuth } from '../auth/auth-context';
import type { IndicatorLevel, IndicatorView } from '@forum/contracts';
import { api, Page } from '../api/api-client';
import type { ActionItem, Communique, CommuniqueSummary, Meeting } from '../api/types';
import { useResource } from '../api/use-resource';
import { myBodies, pageOf, totalOf } from '../api/queries';
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
    // what the dashboard counts, the API counts: a list's total, never the length of the page it sent
    const upcoming = { from: new Date().toISOString(), status: 'draft,scheduled', order: 'asc' };
    const open = { status: 'not_started,in_progress,blocked', governmentId: isSecretariat ? null : governmentId, sort: 'dueOn' };
    const [bodies, meetings, items, overdue, communiques, standing, indicators] = await Promise.all([
      myBodies(governmentId),
      pageOf<Meeting>('/meetings', { ...upcoming, limit: 10 }),
      pageOf<ActionItem>('/action-items', { ...open, limit: 15 }),
      totalOf('/action-items', { ...open, overdue: true }),
      governmentId ? pageOf<CommuniqueSummary>('/communiques', { status: 'in_concurrence', limit: 200 }).then((p) => p.items) : Promise.resolve([]),
      api<Page<StandingAlert>>('GET', '/indicators/alerts/standing').then((p) => p.items),
      api<Page<IndicatorView>>('GET', '/indicators?limit=200').then((p) => p.items),
    ]);
    // the list carries no concurrence; the few communiqués in concurrence are read whole to see whom they await
    const details = await Promise.all(communiques.map((c) => api<Communique>('GET', `/communiques/${c.id}`)));
    return {
      bodies,
      standing: standing.map((a) => ({ ...a, indicator: indicators.find((i) => i.id === a.indicatorId) })),
      meetings,
      items,
      overdue,
      awaiting: details.filter((c): c is Communique => Boolean(c?.concurrence?.awaiting.some((g) => g.id === governmentId))),
    };
  }, [governmentId, isSecretariat]);
  useLiveEvents(
    ['meeting.created', 'meeting.updated', 'meeting.cancelled', 'action-item.created', 'action-item.updated', 'communique.updated', 'membership.changed'],
    () => void reload(),
  );

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
            {data.meetings.total === 0 ? (
              <p>{t('dashboard.noMeetings')}</p>
            ) : (
              <p data-testid="dash-upcoming-count">{t('dashboardCounts.upcoming', { count: data.meetings.total })}</p>
            )}
            <ul>
              {data.meetings.items.map((m) => (
                <li key={m.id}>
                  <GcdsLink href={`/meetings/${m.id}`}>
                    <BilingualText record={m} field="title" />
                  </GcdsLink>{' '}
                  — {formatDateTime(m.startsAt, lang)}
                </li>
              ))}
            </ul>
            {data.meetings.total > data.meetings.items.length ? <GcdsLink href="/meetings">{t('dashboardCounts.allMeetings')}</GcdsLink> : null}
          </section>
          <section aria-labelledby="dash-items">
            <SectionHeading>
              <span id="dash-items">{isSecretariat ? t('dashboard.openActionItems') : t('dashboard.myActionItems')}</span>
            </SectionHeading>
            {data.items.total === 0 ? (
              <p>{t('dashboard.noActionItems')}</p>
            ) : (
              <p data-testid="dash-items-count">
                {t('dashboardCounts.open', { count: data.items.total })} {data.overdue > 0 ? t('dashboardCounts.overdue', { count: data.overdue }) : null}
              </p>
            )}
            <ul>
              {data.items.items.map((i) => {
                const days = daysUntil(i.dueOn);
                const flag = days < 0 ? 'overdue' : days <= 3 ? 'due-soon' : null;
                return (
                  <li key={i.id} className={flag ?? undefined}>
                    <GcdsLink href={`/action-items/${i.id}`}>
                      <BilingualText record={i} field="title" />
                    </GcdsLink>{' '}
                    — {t('actionItems.due', { date: formatDate(i.dueOn, lang) })}
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
                  {bodyName(
                    data.bodies.find((b) => b.id === a.bodyId),
                    lang,
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="dash-communiques">
            <SectionHeading>
              <span id="dash-communiques">{t('dashboard.awaitingConcurrence')}</span>
            </SectionHeading>
            {data.awaiting.length === 0 ? (
              <p>{t('dashboard.noneAwaiting')}</p>
            ) : (
              <p data-testid="dash-awaiting-count">{t('dashboardCounts.awaiting', { count: data.awaiting.length })}</p>
            )}
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
