import type { TranslationState } from './bilingual';

export const INDICATOR_LEVELS = ['normal', 'warning', 'surge'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];
export const INDICATOR_FREQUENCIES = ['monthly'] as const;
export type IndicatorFrequency = (typeof INDICATOR_FREQUENCIES)[number];

/** A shared indicator of a body: each member government reports its own monthly figure. */
export interface IndicatorView {
  id: string;
  bodyId: string;
  code: string;
  name: string | null;
  nameEn: string | null;
  nameFr: string | null;
  definition: string | null;
  definitionEn: string | null;
  definitionFr: string | null;
  translation: TranslationState;
  unit: string;
  frequency: IndicatorFrequency;
  source: string | null;
  /** a level is reached when the monthly total is at least its threshold */
  warningAt: number | null;
  surgeAt: number | null;
  /** the latest period any government reported, with its total and level */
  latest: { period: string; total: number; level: IndicatorLevel } | null;
  createdAt: string;
  updatedAt: string;
}

/** One government's figure for one month, as last reported. */
export interface IndicatorObservationView {
  indicatorId: string;
  governmentId: string;
  period: string;
  value: number;
  note: string | null;
  revision: number;
  reportedBy: string;
  reportedAt: string;
}

/** Every revision of a figure, oldest first: who, when, the old and the new value. */
export interface IndicatorRevisionView {
  revision: number;
  value: number;
  previousValue: number | null;
  note: string | null;
  revisedBy: string;
  revisedAt: string;
}

export interface IndicatorSeriesPoint {
  period: string;
  values: { governmentId: string; value: number }[];
  /** null while no government has reported the month */
  total: number | null;
  level: IndicatorLevel;
  /** month-over-month change of the total; null without both months */
  change: number | null;
  changePercent: number | null;
}

export interface IndicatorSeriesView {
  indicatorId: string;
  unit: string;
  warningAt: number | null;
  surgeAt: number | null;
  governments: { id: string; code: string; nameEn: string; nameFr: string }[];
  items: IndicatorSeriesPoint[];
}

export interface IndicatorSlotView {
  startsAt: string;
  endsAt: string;
}

export interface IndicatorAlertView {
  period: string;
  level: Exclude<IndicatorLevel, 'normal'>;
  total: number;
  createdAt: string;
  /** for a surge: the earliest 60-minute emergency meeting slots for the body within the next 5 working days */
  slots: IndicatorSlotView[];
}
