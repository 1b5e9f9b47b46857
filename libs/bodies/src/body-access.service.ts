import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, forbidden, isSecretariat, notFound } from '@forum/core';
import { BodyRepository, MembershipRepository } from './body.repository';
import { Body } from './body.entity';
import { Membership } from './membership.entity';

/** What a caller may see inside bodies: every service checks access here and nowhere else. */
export type BodyScope = { kind: 'all' } | { kind: 'bodies'; bodyIds: string[] };

@Injectable()
export class BodyAccess {
  constructor(
    private readonly bodies: BodyRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  /**
   * Anything inside a body (meetings, agendas, action items, unpublished communiqués) is visible
   * only to the secretariat and to officials of its current member governments, observers included.
   * Others get 404 with `what` named, so they cannot learn that it exists.
   */
  async requireInsideBody(caller: Caller, bodyId: string, what: string, em?: EntityManager): Promise<Membership | null> {
    if (isSecretariat(caller)) return null;
    const membership = caller.governmentId ? await this.memberships.findActive(bodyId, caller.governmentId, em) : null;
    if (!membership) throw notFound(what);
    return membership;
  }

  /** Writes inside a body that only the secretariat may make; a member sees 403, a stranger 404. */
  async requireSecretariatInBody(caller: Caller, bodyId: string, what: string, em?: EntityManager): Promise<void> {
    if (isSecretariat(caller)) return;
    await this.requireInsideBody(caller, bodyId, what, em);
    throw forbidden('Only the secretariat may do this');
  }

  /** The bodies whose contents the caller may list. */
  async scopeOf(caller: Caller, em?: EntityManager): Promise<BodyScope> {
    if (isSecretariat(caller)) return { kind: 'all' };
    const bodyIds = caller.governmentId ? await this.memberships.activeBodyIdsOf(caller.governmentId, em) : [];
    return { kind: 'bodies', bodyIds };
  }

  /** The directory is open to every signed-in user: a body that does not exist is the only 404. */
  async requireBody(bodyId: string, em?: EntityManager): Promise<Body> {
    const body = await this.bodies.findById(bodyId, em);
    if (!body) throw notFound('Body');
    return body;
  }
}
