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
  DocumentRead = 'document.read',
  DocumentUpload = 'document.upload',
  DocumentVersion = 'document.version',

  // funding and cost recovery

  // shared indicators

  // search

  // service tokens, webhooks, identity providers

  // operations (audit, queues)
  AuditRead = 'audit.read',
}
