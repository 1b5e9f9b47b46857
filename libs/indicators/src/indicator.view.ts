import type { IndicatorAlertView, IndicatorObservationView, IndicatorRevisionView, IndicatorView, Locale } from '@forum/contracts';
import { bilingualView, translationState } from '@forum/core';
import { levelOf, type PeriodTotalLike } from './indicator-level.rule';
import type { Indicator, IndicatorAlert, IndicatorObservation, IndicatorObservationRevision } from './indicator.entity';

export function toIndicatorView(indicator: Indicator, latest: PeriodTotalLike | undefined, reader: Locale): IndicatorView {
  return {
    id: indicator.id,
    bodyId: indicator.bodyId,
    code: indicator.code,
    ...bilingualView('name', indicator.name, reader),
    ...bilingualView('definition', indicator.definition, reader),
    translation: translationState(indicator.sourceLang, indicator.name, indicator.definition),
    unit: indicator.unit,
    frequency: indicator.frequency,
    source: indicator.source,
    warningAt: indicator.warningAt,
    surgeAt: indicator.surgeAt,
    latest: latest ? { period: latest.period, total: latest.total, level: levelOf(latest.total, indicator) } : null,
    createdAt: indicator.createdAt.toISOString(),
    updatedAt: indicator.updatedAt.toISOString(),
  };
}

export const toObservationView = (o: IndicatorObservation): IndicatorObservationView => ({
  indicatorId: o.indicatorId,
  governmentId: o.governmentId,
  period: o.period,
  value: o.value,
  note: o.note,
  revision: o.revision,
  reportedBy: o.reportedBy,
  reportedAt: o.reportedAt.toISOString(),
});

export const toRevisionView = (r: IndicatorObservationRevision): IndicatorRevisionView => ({
  revision: r.revision,
  value: r.value,
  previousValue: r.previousValue,
  note: r.note,
  revisedBy: r.revisedBy,
  revisedAt: r.revisedAt.toISOString(),
});

export const toAlertView = (a: IndicatorAlert): IndicatorAlertView => ({
  period: a.period,
  level: a.level,
  total: a.total,
  createdAt: a.createdAt.toISOString(),
  slots: a.slots,
});
