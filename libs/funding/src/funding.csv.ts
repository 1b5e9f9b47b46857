import { FUNDING_CLAIM_STATUSES, type FundingSummaryView } from '@forum/contracts';
import { toCsv } from '@forum/core';

/** The summary as a spreadsheet: one row per claimant government, then the totals. */
export function summaryCsv(summary: FundingSummaryView): string {
  const header = [
    'fiscalYear',
    'governmentCode',
    'governmentNameEn',
    'governmentNameFr',
    'requestedCents',
    'approvedCents',
    'paidCents',
    'outstandingCents',
    ...FUNDING_CLAIM_STATUSES.map((s) => `${s}Claims`),
  ];
  const year = summary.fiscalYear ?? 'all';
  return toCsv([
    header,
    ...summary.governments.map((g) => [
      year,
      g.governmentCode,
      g.governmentNameEn,
      g.governmentNameFr,
      g.requestedCents,
      g.approvedCents,
      g.paidCents,
      g.outstandingCents,
      ...FUNDING_CLAIM_STATUSES.map((s) => g.claimsByStatus[s]),
    ]),
    [
      year,
      'TOTAL',
      'Total',
      'Total',
      summary.totals.requestedCents,
      summary.totals.approvedCents,
      summary.totals.paidCents,
      summary.totals.outstandingCents,
      ...FUNDING_CLAIM_STATUSES.map((s) => summary.totals.claimsByStatus[s]),
    ],
  ]);
}
