export const USER_ROLES = ['secretariat', 'official'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const GOVERNMENT_LEVELS = ['federal', 'provincial', 'territorial', 'municipal', 'association'] as const;
export type GovernmentLevel = (typeof GOVERNMENT_LEVELS)[number];

export const BODY_KINDS = ['secretariat', 'table', 'working_group', 'subgroup', 'task_force'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const MEMBERSHIP_ROLES = ['member', 'observer', 'co_chair'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** What a service token may do beyond reading (`read` alone: every write is 403). */
export const API_TOKEN_SCOPES = [
  'read',
  'action-items:write',
  'meetings:write',
  'communiques:write',
  'documents:write',
  'indicators:write',
  'funding:write',
] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
