import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Permission } from '@forum/contracts';
import {
  type AccessPolicy,
  type AccessRequest,
  type AccessTarget,
  type Caller,
  decide,
  forbidden,
  isSecretariat,
  type LocatedTarget,
  notFound,
  type Standing,
  TARGET_LOCATOR,
  type TargetLocator,
} from '@forum/core';
import { MembershipRepository } from '../body.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const NOUNS: Record<string, string> = { body: 'Body', meeting: 'Meeting', actionItem: 'Action item', communique: 'Communique' };

/**
 * `authorize(caller, permission, target)`: the one access check, run by the global guard before any pipe.
 * The grant table says who holds the permission; the domain that owns the addressed thing locates its body
 * (one bulk query); one membership query says where the caller's government sits, or, for the kinds whose
 * locator has `locateFor`, the same query does (the thing, its body and the seat in one round trip). Services
 * keep the finer rules (which fields a lead official may change, a municipality asking to join).
 */
@Injectable()
export class PermissionPolicy implements AccessPolicy, OnModuleInit {
  private readonly locators = new Map<string, TargetLocator>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly memberships: MembershipRepository,
  ) {}

  // before any bootstrap hook: the guard checks the routes against these kinds at bootstrap
  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const kind = Reflect.getMetadata(TARGET_LOCATOR, metatype) as string | undefined;
      if (!kind) continue;
      const existing = this.locators.get(kind);
      if (existing && existing !== instance) throw new Error(`Two locators for the access target "${kind}"`);
      this.locators.set(kind, instance as TargetLocator);
    }
  }

  knownKinds(): string[] {
    return [...this.locators.keys()];
  }

  async authorize(caller: Caller, permission: Permission, target: AccessTarget | undefined, request: AccessRequest): Promise<LocatedTarget | undefined> {
    const { standing, located } = await this.standingOf(caller, target, request);
    const decision = decide(permission, standing);
    if (decision === 'allow') return located;
    if (decision === 'not_found') throw notFound(target ? (NOUNS[target.kind] ?? 'Resource') : 'Resource');
    throw forbidden(`This needs the permission ${permission}`);
  }

  private async standingOf(caller: Caller, target: AccessTarget | undefined, request: AccessRequest): Promise<{ standing: Standing; located?: LocatedTarget }> {
    if (isSecretariat(caller)) return { standing: { kind: 'secretariat' } };
    // Nothing to locate when the route addresses nothing: the role alone decides. Otherwise locate it even when
    // no official holds the permission, so a stranger to the body gets 404 and a member 403.
    if (!target) return { standing: { kind: 'official' } };
    const id = idFrom(target, request);
    // A malformed or absent id is the validation's to name (400); a missing thing the URL names is a 404.
    if (!id) return { standing: { kind: 'official' } };
    const located = await this.locate(target.kind, id, caller.governmentId);
    if (!located) {
      if (target.from === 'param') throw notFound(NOUNS[target.kind] ?? 'Resource');
      return { standing: { kind: 'official' } };
    }
    // A locator that read the seat with the thing (locateFor) saves the membership round trip.
    const seat =
      located.seat !== undefined
        ? located.seat
        : caller.governmentId
          ? ((await this.memberships.findActive(located.bodyId, caller.governmentId))?.role ?? null)
          : null;
    return {
      located,
      standing: {
        kind: 'official',
        inBody: {
          seat,
          lead: !!located.leadGovernmentId && located.leadGovernmentId === caller.governmentId,
          hiddenFromMembers: !!located.hiddenFromMembers,
        },
      },
    };
  }

  private async locate(kind: string, id: string, governmentId: string | null): Promise<LocatedTarget | undefined> {
    const locator = this.locators.get(kind);
    if (!locator) throw new Error(`No locator for the access target "${kind}"`);
    if (locator.locateFor && governmentId) return locator.locateFor(id, governmentId);
    return (await locator.locate([id])).get(id);
  }
}

function idFrom(target: AccessTarget, request: AccessRequest): string | null {
  const source =
    target.from === 'param'
      ? request.params
      : target.from === 'query'
        ? request.query
        : request.body && typeof request.body === 'object'
          ? (request.body as Record<string, unknown>)
          : {};
  const value = source?.[target.name];
  return typeof value === 'string' && UUID.test(value) ? value : null;
}
