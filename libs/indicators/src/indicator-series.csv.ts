import type { IndicatorSeriesView } from '@forum/contracts';
import { toCsv } from '@forum/core';

/** One row per month: each government's figure (by code), the total, the level and the change. */
export function seriesCsv(series: IndicatorSeriesView): string {
  const header = ['period', ...series.governments.map((g) => g.code), 'total', 'level', 'change'];
  const rows = series.items.map((point) => {
    const byGovernment = new Map(point.values.map((v) => [v.governmentId, v.value]));
    return [point.period, ...series.governments.map((g) => byGovernment.get(g.id) ?? null), point.total, point.level, point.change];
  });
  return toCsv([header, ...rows]);
}
