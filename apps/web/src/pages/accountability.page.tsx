import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { AccountabilityFiguresView, AccountabilityOverviewView } from '@forum/contracts';
import { api, download } from '../api/api-client';
import { listBodies, listGovernments } from '../api/queries';
import { useResource } from '../api/use-resource';
import { ActionButton } from '../components/fields';
import { SelectField } from '../components/choice-fields';
import { bodyName, governmentName, Loading, PageHeading, ResourceError, SectionHeading, TableScroll } from '../components/ui';
import { useLiveEvents } from '../realtime/live-updates';

interface Tally {
  key: string;
  label: string;
  onTime: number;
  late: number;
  open: number;
}

/** On time: done by its due date. Late: done after it, or open past it. Open: open and not yet due. */
export function tally(f: AccountabilityFiguresView): Omit<Tally, 'key' | 'label'> {
  return { onTime: f.doneOnTime, late: f.doneLate + f.overdue, open: f.open - f.overdue };
}

export function AccountabilityPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params] = useSearchParams();
  const [view, setView] = useState<'body' | 'government'>(params.get('governmentId') ? 'government' : 'body');
  // the API's aggregates over every item the caller may see, in one answer: never tallied from a page of items
  const { data, error, reload } = useResource(async () => {
    const [bodies, governments, overview] = await Promise.all([listBodies(), listGovernments(), api<AccountabilityOverviewView>('GET', '/accountability')]);
    const figures: (AccountabilityFiguresView | null)[] =
      view === 'body'
        ? bodies.map((b) => overview.bodies.find((r) => r.bodyId === b.id) ?? null)
        : governments.map((g) => overview.governments.find((r) => r.governmentId === g.id) ?? null);
    return { bodies, governments, figures, view };
  }, [view]);
  useLiveEvents(['action-item.created', 'action-item.updated'], () => void reload());
  if (error) return <ResourceError error={error} />;
  if (!data) return <Loading />;
  const named =
    data.view === 'body'
      ? data.bodies.map((b) => ({ key: b.id, label: bodyName(b, lang) }))
      : data.governments.map((g) => ({ key: g.id, label: governmentName(g, lang) }));
  const rows: Tally[] = named.flatMap((n, i) => (data.figures[i] ? [{ ...n, ...tally(data.figures[i]!) }] : []));
  const shown = rows.filter((r) => r.onTime + r.late + r.open > 0);
  const max = Math.max(1, ...shown.map((r) => r.onTime + r.late));

  const csvOf = (key: string) => void download(`/${view === 'body' ? 'bodies' : 'governments'}/${key}/accountability.csv`, `accountability-${key}.csv`);
  const csv = async () => {
    {
      // the figures on screen, as a file, when the API has no report to give
      const lines = [[t('accountability.name'), t('accountability.onTime'), t('accountability.late'), t('accountability.open')].join(',')].concat(
        shown.map((r) => [`"${r.label.replace(/"/g, '""')}"`, r.onTime, r.late, r.open].join(',')),
      );
      const url = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `accountability-${view}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
    }
  };

  return (
    <>
      <PageHeading>{t('accountability.title')}</PageHeading>
      <div className="narrow-form">
        <SelectField
          id="accountability-view"
          label={t('accountability.view')}
          value={view}
          onChange={(v) => setView(v as 'body' | 'government')}
          options={[
            { value: 'body', label: t('accountability.byBody') },
            { value: 'government', label: t('accountability.byGovernment') },
          ]}
        />
      </div>
      <SectionHeading>{t('accountability.chartTitle')}</SectionHeading>
      <p className="legend" aria-hidden="true">
        <span className="on-time">{t('accountability.onTime')}</span>
        <span className="late">{t('accountability.late')}</span>
      </p>
      <div className="chart" role="img" aria-label={t('accountability.chartLabel')}>
        {shown.map((r) => (
          <div className="chart-row" key={r.key}>
            <span>{r.label}</span>
            <span className="chart-bar">
              <span className="chart-on-time" style={{ width: `${(r.onTime / max) * 100}%` }} />
              <span className="chart-late" style={{ width: `${(r.late / max) * 100}%` }} />
            </span>
          </div>
        ))}
      </div>
      <TableScroll>
        <table className="data-table">
          <caption>{t('accountability.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{view === 'body' ? t('meetings.body') : t('bodies.government')}</th>
              <th scope="col">{t('accountability.onTime')}</th>
              <th scope="col">{t('accountability.late')}</th>
              <th scope="col">{t('accountability.open')}</th>
              <th scope="col">{t('accountability.report')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{r.onTime}</td>
                <td>{r.late}</td>
                <td>{r.open}</td>
                <td>
                  <ActionButton onClick={() => csvOf(r.key)}>{t('accountability.reportOf', { name: r.label })}</ActionButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ActionButton onClick={() => void csv()}>{t('accountability.downloadCsv')}</ActionButton>
    </>
  );
}
