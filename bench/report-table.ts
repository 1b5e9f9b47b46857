export interface Row {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  /** met / MISSED / blank when there is no target */
  verdict: string;
}

/** Ratio with two decimals; '-' when either side is missing. */
export const ratio = (value: number | null | undefined, baseline: number | null | undefined) =>
  value == null || baseline == null || !Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0
    ? null
    : Math.round((value / baseline) * 100) / 100;

export const verdict = (ok: boolean | null) => (ok === null ? '' : ok ? 'met' : 'MISSED');

/** The one table the bench prints: plain text, aligned, readable in a terminal and a report. */
export function renderTable(rows: Row[]): string {
  const head: Row = { figure: 'figure', value: 'value', baseline: 'baseline (same run)', ratio: 'ratio', target: 'target', verdict: '' };
  const keys = Object.keys(head) as (keyof Row)[];
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...[head, ...rows].map((r) => r[k].length))])) as Record<keyof Row, number>;
  const line = (r: Row) =>
    keys
      .map((k) => r[k].padEnd(width[k]))
      .join(' | ')
      .trimEnd();
  const rule = keys.map((k) => '-'.repeat(width[k])).join('-+-');
  return [line(head), rule, ...rows.map(line)].join('\n');
}
