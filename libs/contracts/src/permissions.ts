/**
 * What a caller may do. Every route declares one (`@Authorize(Permission.X)`, or `@Public()`); the grant table
 * (`libs/core/src/access/permission-table.ts`) says who holds each. Names are `<capability>.<verb>`.
 * One section per domain, so each capability adds its own without touching the others'.
 */
export enum Permission {
  // directory: governments, users, bodies and memberships
  // (filled in by the typed-wire work)
  MembershipRoleChange = 'memberships.change-role',

  // meetings, agendas and the record
  MinutesRead = 'minutes.read',
  MinutesWrite = 'minutes.write',
  MinutesComment = 'minutes.comment',
  DecisionsRead = 'decisions.read',
  DecisionsWrite = 'decisions.write',
  DecisionPositionsWrite = 'decision-positions.write',

  // action items

  // communiqués
  CommuniquesCorrect = 'communiques.correct',

  // notifications and accounts

  // documents

  // funding and cost recovery

  // shared indicators

  // search

  // service tokens, webhooks, identity providers

  // operations (audit, queues)
  AuditRead = 'audit.read',
}
