/**
 * What a caller may do. Every route declares one (`@Authorize(Permission.X)`, or `@Public()`); the grant table
 * (`libs/core/src/access/permission-table.ts`) says who holds each. Names are `<capability>.<verb>`.
 * One section per domain, so each capability adds its own without touching the others'.
 */
export enum Permission {
  // directory: governments, users, bodies and memberships
  // (filled in by the typed-wire work)

  // meetings, agendas and the record

  // action items

  // communiqués

  // notifications and accounts

  // documents

  // funding and cost recovery
  /** read programs, claims and their summaries (as the body) */
  FundingRead = 'funding.read',
  /** create a funding program (the secretariat) */
  FundingProgramCreate = 'fundingProgram.create',
  /** submit a claim (an official for its own government, or the secretariat on behalf of a member) */
  FundingClaimCreate = 'fundingClaim.create',
  /** decide a claim (an official of the funding government, or the secretariat; never the claimant) */
  FundingClaimDecide = 'fundingClaim.decide',
  /** record a payment on an approved claim (as decide) */
  FundingClaimPay = 'fundingClaim.pay',
  /** confirm a paid claim is reconciled (an official of the claimant government, or the secretariat) */
  FundingClaimReconcile = 'fundingClaim.reconcile',

  // shared indicators
  IndicatorRead = 'indicator.read',
  IndicatorCreate = 'indicator.create',
  IndicatorUpdate = 'indicator.update',
  IndicatorReport = 'indicator.report',

  // search
  Search = 'search.read',

  // service tokens, webhooks, identity providers

  // operations (audit, queues)
  AuditRead = 'audit.read',
}
