import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { MembershipRole, Permission } from '@forum/contracts';
import type { Caller } from '../http/caller';

export const ROUTE_PERMISSION = 'forum:route-permission';
export const ROUTE_TARGET = 'forum:route-target';

/** The kinds of thing a route can address; each is located (to its body) by the domain that owns it. */
export const TargetKind = {
  Body: 'body',
  Meeting: 'meeting',
  ActionItem: 'actionItem',
  Communique: 'communique',
  FundingProgram: 'fundingProgram',
  FundingClaim: 'fundingClaim',
  Indicator: 'indicator',
  Document: 'document',
} as const;

/** Where the id of the thing a route acts on is found in the request, and what kind of thing it is. */
export interface AccessTarget {
  kind: string;
  from: 'param' | 'body' | 'query';
  name: string;
}

export const On = {
  /** the id in a route parameter, e.g. `On.param(TargetKind.Meeting)` for `/meetings/:id` */
  param: (kind: string, name = 'id'): AccessTarget => ({ kind, from: 'param', name }),
  /** the id in a field of the JSON body, e.g. `On.field(TargetKind.Body, 'bodyId')` for a create */
  field: (kind: string, name: string): AccessTarget => ({ kind, from: 'body', name }),
  /** the id in a query parameter, e.g. `?bodyId=` */
  query: (kind: string, name: string): AccessTarget => ({ kind, from: 'query', name }),
};

/**
 * The permission a route needs, and optionally the thing it addresses. Checked by the global guard before any
 * pipe, so the same rule gives the same status on every route: 403 when the caller's role never holds it or
 * when they may see the thing but not do this, 404 when the thing is inside a body the caller may not see.
 * A route with neither `@Authorize` nor `@Public()` stops the application at start-up.
 */
export const Authorize = (permission: Permission, target?: AccessTarget) =>
  target ? applyDecorators(SetMetadata(ROUTE_PERMISSION, permission), SetMetadata(ROUTE_TARGET, target)) : SetMetadata(ROUTE_PERMISSION, permission);

/** What a domain answers about its things: the body each belongs to (and what access needs beyond that). */
export interface LocatedTarget {
  bodyId: string;
  /** an action item's lead government */
  leadGovernmentId?: string | null;
  /** e.g. a draft meeting: the secretariat's only, 404 to members */
  hiddenFromMembers?: boolean;
  /** from `locateFor`: the current seat of the caller's government in the body, read in the same query */
  seat?: MembershipRole | null;
  /** from `locateFor`: the thing itself, read whole, so the route that reads it need not read it again */
  record?: unknown;
}

export interface TargetLocator {
  /** bulk: one query for many ids; ids that name nothing are absent from the map */
  locate(ids: string[]): Promise<Map<string, LocatedTarget>>;
  /**
   * The hot reads: one thing, with the caller's government's seat in its body (and the thing itself), in one
   * round trip. The policy still decides from the grant table; only the facts it decides on come together.
   */
  locateFor?(id: string, governmentId: string): Promise<LocatedTarget | undefined>;
}

export const TARGET_LOCATOR = 'forum:target-locator';
/** Marks a provider as the locator of one kind of target; the access policy finds them at start-up. */
export const LocatesTarget = (kind: string) => SetMetadata(TARGET_LOCATOR, kind);

/** The access policy the global guard consults (provided by the bodies library, which knows memberships). */
export const ACCESS_POLICY = 'forum:access-policy';
export interface AccessRequest {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}
export interface AccessPolicy {
  /** throws a 403 or 404 domain error, or returns when the caller may proceed, with what it located (if anything) */
  authorize(caller: Caller, permission: Permission, target: AccessTarget | undefined, request: AccessRequest): Promise<LocatedTarget | undefined>;
  /** the target kinds it can locate, checked against the routes at start-up */
  knownKinds(): string[];
}

/**
 * What the guard located and allowed for this request's `@Authorize` target (undefined when it located nothing,
 * e.g. for the secretariat). Its `record`, when set, is the addressed thing as read in the access query.
 */
export const AuthorizedTarget = createParamDecorator((_: unknown, ctx: ExecutionContext): LocatedTarget | undefined => {
  return ctx.switchToHttp().getRequest<{ authorizedTarget?: LocatedTarget }>().authorizedTarget;
});
