import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { GcdsLink } from '@gcds-core/components-react';
import { CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';
import { Line } from 'react-chartjs-2';
import type { IndicatorAlertView, IndicatorLevel, IndicatorSeriesView, IndicatorView } from '@forum/contracts';
import { api, ApiError, download, Page } from '../api/api-client';
import { listBodies, listMembers } from '../api/queries';
import { useResource } from '../api/use-resource';
import { useAuth } from '../auth/auth-context';
import { SubmitButton, TextField } from '../components/fields';
import { SelectField, TextAreaField } from '../components/choice-fields';
import { bodyName, FormError, governmentName, Loading, PageHeading, SectionHeading, Success, TableScroll } from '../components/ui';
import { ResourceError } from '../components/ui';
import { formatDateTime } from '../i18n/format';
import { useLiveEvents } from '../realtime/live-updates';

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Legend, Tooltip);

const LINE_COLOURS = ['#26374a', '#2b8cc4', '#b3446c', '#478800', '#8b4c00', '#6f4596', '#00758f', '#c05600'];

const figure = (value: number | null, lang: string) => (value === null ? '—' : new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA').format(value));

function monthName(period: string, lang: string): string {
  const [year, month] = period.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 1));
}

export function LevelBadge({ level }: { level: IndicatorLevel }) {
  const { t } = useTranslation();
  return <span className={`level-badge level-${level}`}>{t(`indicators.levels.${level}`)}</span>;
}

/** Every indicator of the bodies the caller sees, with its latest month and level. */
export function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params] = useSearchParams();
  const bodyId = params.get('bodyId') ?? '';
  const { data, error } = useResource(async () => {
    const [indicators, bodies] = await Promise.all([
      api<Page<IndicatorView>>('GET', `/indicators?limit=200${bodyId ? `&bodyId=${bodyId}` : ''}`),
      listBodies(),
    ]);
    return { indicators: indicators.items, bodies };
  }, [bodyId]);
  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <PageHeading>{t('indicators.title')}</PageHeading>
      <p>{t('indicators.intro')}</p>
      {data.indicators.length === 0 ? <p>{t('indicators.none')}</p> : null}
      <TableScroll>
        <table className="data-table">
          <caption className="sr-only">{t('indicators.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicators.indicator')}</th>
              <th scope="col">{t('meetings.body')}</th>
              <th scope="col">{t('indicators.latest')}</th>
              <th scope="col">{t('indicators.total')}</th>
              <th scope="col">{t('indicators.level')}</th>
            </tr>
          </thead>
          <tbody>
            {data.indicators.map((i) => (
              <tr key={i.id}>
                <td>
                  <GcdsLink href={`/indicators/${i.id}`}>{i.name}</GcdsLink>
                </td>
                <td>
                  {bodyName(
                    data.bodies.find((b) => b.id === i.bodyId),
                    lang,
                  )}
                </td>
                <td>{i.latest ? monthName(i.latest.period, lang) : '—'}</td>
                <td>{i.latest ? `${figure(i.latest.total, lang)} ${i.unit}` : '—'}</td>
                <td>{i.latest ? <LevelBadge level={i.latest.level} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** One indicator: the chart with its threshold lines, the same figures as a table, the alerts, and the report form. */
export function IndicatorDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session, isSecretariat } = useAuth();
  const { data, error, reload } = useResource(async () => {
    const indicator = await api<IndicatorView>('GET', `/indicators/${id}`);
    const [series, alerts, members] = await Promise.all([
      api<IndicatorSeriesView>('GET', `/indicators/${id}/series`),
      api<{ items: IndicatorAlertView[] }>('GET', `/indicators/${id}/alerts`),
      listMembers(indicator.bodyId),
    ]);
    return { indicator, series, alerts: alerts.items, members };
  }, [id]);
  useLiveEvents(['indicator.threshold_crossed'], (_name, payload) => {
    if (payload?.indicatorId === id) void reload();
  });
  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  const { indicator, series, alerts } = data;
  const governmentLabel = (gid: string) => {
    const g = series.governments.find((x) => x.id === gid);
    return g ? governmentName(g, lang) : gid;
  };
  const latest = indicator.latest?.period ?? null;

  return (
    <>
      <PageHeading>{indicator.name}</PageHeading>
      {indicator.definition ? <p>{indicator.definition}</p> : null}
      <dl className="facts">
        <dt>{t('indicators.unit')}</dt>
        <dd>{indicator.unit}</dd>
        {indicator.source ? (
          <>
            <dt>{t('indicators.source')}</dt>
            <dd>{indicator.source}</dd>
          </>
        ) : null}
        <dt>{t('indicators.thresholds')}</dt>
        <dd>{t('indicators.thresholdsText', { warning: figure(indicator.warningAt, lang), surge: figure(indicator.surgeAt, lang) })}</dd>
        {indicator.latest ? (
          <>
            <dt>{t('indicators.latest')}</dt>
            <dd data-testid="latest-month">
              {monthName(indicator.latest.period, lang)}: {figure(indicator.latest.total, lang)} <LevelBadge level={indicator.latest.level} />
            </dd>
          </>
        ) : null}
      </dl>

      <SectionHeading>{t('indicators.chartTitle')}</SectionHeading>
      <SeriesChart series={series} lang={lang} governmentLabel={governmentLabel} />
      <p>
        <GcdsLink href="#series-table">{t('indicators.tableLink')}</GcdsLink> ·{' '}
        <button type="button" className="link-button" onClick={() => void download(`/indicators/${id}/series.csv`, `indicator-${indicator.code}.csv`)}>
          {t('indicators.csv')}
        </button>
      </p>

      <SectionHeading>
        <span id="series-table">{t('indicators.tableTitle')}</span>
      </SectionHeading>
      <TableScroll>
        <table className="data-table" data-testid="series-table">
          <caption>{t('indicators.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicators.month')}</th>
              {series.governments.map((g) => (
                <th scope="col" key={g.id}>
                  {g.code}
                </th>
              ))}
              <th scope="col">{t('indicators.total')}</th>
              <th scope="col">{t('indicators.level')}</th>
              <th scope="col">{t('indicators.change')}</th>
            </tr>
          </thead>
          <tbody>
            {[...series.items]
              .reverse()
              .filter((point) => point.total !== null)
              .map((point) => {
                const byGovernment = new Map(point.values.map((v) => [v.governmentId, v.value]));
                return (
                  <tr
                    key={point.period}
                    className={point.period === latest ? 'latest-row' : undefined}
                    aria-current={point.period === latest ? 'true' : undefined}
                  >
                    <th scope="row">{monthName(point.period, lang)}</th>
                    {series.governments.map((g) => (
                      <td key={g.id}>{figure(byGovernment.get(g.id) ?? null, lang)}</td>
                    ))}
                    <td>{figure(point.total, lang)}</td>
                    <td>
                      <LevelBadge level={point.level} />
                    </td>
                    <td>{point.change === null ? '—' : `${point.change > 0 ? '+' : ''}${figure(point.change, lang)}`}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </TableScroll>

      <SectionHeading>{t('indicators.alertsTitle')}</SectionHeading>
      {alerts.length === 0 ? <p>{t('indicators.noAlerts')}</p> : null}
      <ul className="alerts">
        {alerts.map((a) => (
          <li key={`${a.period}-${a.level}`}>
            <LevelBadge level={a.level} /> {monthName(a.period, lang)}: {figure(a.total, lang)} (
            {t('indicators.raised', { at: formatDateTime(a.createdAt, lang) })})
            {a.slots.length ? (
              <ul>
                {a.slots.map((s) => (
                  <li key={s.startsAt}>
                    {formatDateTime(s.startsAt, lang)}
                    {isSecretariat ? (
                      <>
                        {' '}
                        <GcdsLink
                          href={`/meetings?${new URLSearchParams({ bodyId: indicator.bodyId, startsAt: s.startsAt, endsAt: s.endsAt, title: t('indicators.emergencyTitle', { name: indicator.name }) })}`}
                        >
                          {t('indicators.convene')}
                        </GcdsLink>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>

      <ReportForm
        indicator={indicator}
        governments={data.members.map((m) => ({ id: m.governmentId, label: governmentLabel(m.governmentId) }))}
        ownGovernmentId={isSecretariat ? null : (session?.user.governmentId ?? null)}
        onSaved={() => void reload()}
      />
    </>
  );
}

function SeriesChart({ series, lang, governmentLabel }: { series: IndicatorSeriesView; lang: string; governmentLabel(id: string): string }) {
  const { t } = useTranslation();
  const labels = series.items.map((p) => p.period);
  const flat = (value: number | null, label: string, colour: string) =>
    value === null ? [] : [{ label, data: labels.map(() => value), borderColor: colour, borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 }];
  const datasets = [
    { label: t('indicators.total'), data: series.items.map((p) => p.total), borderColor: '#000000', borderWidth: 3, pointRadius: 2 },
    ...series.governments.map((g, i) => ({
      label: governmentLabel(g.id),
      data: series.items.map((p) => p.values.find((v) => v.governmentId === g.id)?.value ?? null),
      borderColor: LINE_COLOURS[i % LINE_COLOURS.length],
      borderWidth: 1.5,
      pointRadius: 1,
    })),
    ...flat(series.warningAt, t('indicators.levels.warning'), '#b35c00'),
    ...flat(series.surgeAt, t('indicators.levels.surge'), '#d3080c'),
  ];
  return (
    <div className="indicator-chart">
      <Line
        aria-label={t('indicators.chartLabel', { count: labels.length })}
        data={{ labels, datasets }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          spanGaps: true,
          locale: lang === 'fr' ? 'fr-CA' : 'en-CA',
          plugins: { legend: { position: 'bottom' } },
          scales: { y: { beginAtZero: true, title: { display: true, text: series.unit } } },
        }}
      />
    </div>
  );
}

function ReportForm(props: { indicator: IndicatorView; governments: { id: string; label: string }[]; ownGovernmentId: string | null; onSaved(): void }) {
  const { t } = useTranslation();
  const lastMonth = new Date();
  lastMonth.setDate(1);
  lastMonth.setMonth(lastMonth.getMonth() - 1);
  const [form, setForm] = useState({
    governmentId: props.ownGovernmentId ?? props.governments[0]?.id ?? '',
    period: `${lastMonth.getFullYear()}-${String(lastMonth.getMonth() + 1).padStart(2, '0')}`,
    value: '',
    note: '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const mayReport = props.ownGovernmentId === null || props.governments.some((g) => g.id === props.ownGovernmentId);
  if (!mayReport) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api('PUT', `/indicators/${props.indicator.id}/observations/${form.governmentId}/${form.period}`, {
        value: Number(form.value),
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      });
      setSaved(true);
      props.onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, null));
    }
  };

  return (
    <section aria-labelledby="report-figure">
      <SectionHeading>
        <span id="report-figure">{t('indicators.reportTitle')}</span>
      </SectionHeading>
      <form onSubmit={submit} noValidate className="narrow-form">
        <FormError error={error} />
        {saved ? <Success>{t('indicators.reported')}</Success> : null}
        {props.ownGovernmentId === null ? (
          <SelectField
            id="report-government"
            label={t('bodies.government')}
            value={form.governmentId}
            onChange={set('governmentId')}
            options={props.governments.map((g) => ({ value: g.id, label: g.label }))}
          />
        ) : null}
        <TextField id="report-period" label={t('indicators.period')} hint={t('indicators.periodHint')} value={form.period} onChange={set('period')} />
        <TextField id="report-value" type="number" label={t('indicators.value', { unit: props.indicator.unit })} value={form.value} onChange={set('value')} />
        <TextAreaField id="report-note" label={t('indicators.note')} value={form.note} onChange={set('note')} />
        <SubmitButton>{t('indicators.report')}</SubmitButton>
      </form>
    </section>
  );
}
