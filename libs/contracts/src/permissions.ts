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
  /** GET /auth/me: every signed-in user */
  OwnAccountRead = 'account.read-own',
  /** PATCH /users/me: every signed-in user, their own name, language and zone */
  OwnAccountUpdate = 'account.update-own',

  // documents

  // funding and cost recovery

  // shared indicators

  // search

  // service tokens, webhooks, identity providers
  /** POST/GET/PUT/DELETE /governments/:id/identity-provider: the secretariat */
  IdentityProvidersManage = 'identity-providers.manage',
  /** POST/GET/DELETE /api-tokens: the secretariat */
  ApiTokensManage = 'api-tokens.manage',
  /** POST/GET/DELETE /webhooks and their delivery log: the secretariat */
  WebhooksManage = 'webhooks.manage',

  // operations (audit, queues)
  AuditRead = 'audit.read',
}
