/**
 * A published communiqué whose correction awaits concurrence, as SQL on the row aliased `c`: its own columns then hold
 * the proposed text, which only those who may see drafts may read or find; everyone else reads the published revision.
 */
export const pendingCorrectionSql = (c: string): string =>
  `(${c}.status = 'published' AND ${c}.correction_revision IS NOT NULL AND ${c}.correction_revision IS DISTINCT FROM ${c}.published_revision)`;
