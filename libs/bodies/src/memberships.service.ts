import { BodyReason } from '@forum/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, conflict, EventRecorder, forbidden, invalid, isSecretariat, notFound } from '@forum/core';
import type { DomainEvent, MembershipRole, Page } from '@forum/contracts';
import { GovernmentRepository } from '@forum/governments';
import { Body } from './body.entity';
import { MembershipRepository } from './body.repository';
import { coChairRefusal } from './co-chair.rule';
import { MembershipView, toMembershipView } from './body.view';

@Injectable()
export class MembershipsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly memberships: MembershipRepository,
    private readonly governments: GovernmentRepository,
    private readonly events: EventRecorder,
  ) {}

  async list(bodyId: string, includeEnded: boolean): Promise<Page<MembershipView>> {
    await this.lockBody(this.dataSource.manager, bodyId, false);
    const rows = await this.memberships.listOfBody(bodyId, includeEnded);
    return { items: rows.map(toMembershipView), total: rows.length };
  }

  async add(caller: Caller, bodyId: string, governmentId: string, role: MembershipRole, startedAt?: string): Promise<MembershipView> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat manages membership');
    return this.dataSource.transaction(async (em) => {
      const membership = await this.addInTransaction(em, caller.userId, bodyId, governmentId, role, startedAt ? new Date(startedAt) : new Date());
      return toMembershipView(membership);
    });
  }

  /** Also used by an approved join request, so the same rules hold whichever way a seat is given. */
  async addInTransaction(em: EntityManager, actorUserId: string | null, bodyId: string, governmentId: string, role: MembershipRole, startedAt: Date) {
    // The body row lock serialises membership changes of one body: the co-chair rule cannot be raced.
    const body = await this.lockBody(em, bodyId, true);
    const government = await this.governments.findById(governmentId, em);
    if (!government) throw invalid(['governmentId does not name an existing government']);
    if (await this.memberships.findActive(bodyId, governmentId, em)) {
      throw conflict(BodyReason.AlreadyMember, `${government.nameEn} is already a member of this body`);
    }
    if (role === 'co_chair') {
      const current = (await this.memberships.listOfBody(bodyId, false, em)).filter((m) => m.role === 'co_chair');
      const refusal = coChairRefusal(body.kind, government.level, current.map((m) => m.government!.level));
      if (refusal) throw conflict(BodyReason.CoChairRule, refusal);
    }
    const membership = await this.memberships.insert({ bodyId, governmentId, role, startedAt, endedAt: null }, em);
    membership.government = government;
    await this.events.record(
      em,
      { actorUserId, action: 'membership.added', entityType: 'body', entityId: bodyId, changes: { governmentId, role } },
      [this.changed(bodyId, governmentId, 'added')],
    );
    return membership;
  }

  /** Ends a seat (the row is kept); `at` lets history be recorded as it happened, never in the future. */
  async end(caller: Caller, bodyId: string, governmentId: string, at = new Date()): Promise<MembershipView> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat manages membership');
    return this.dataSource.transaction(async (em) => {
      await this.lockBody(em, bodyId, true);
      const membership = await this.memberships.findActive(bodyId, governmentId, em);
      if (!membership) throw notFound('Membership');
      const endedAt = at.getTime() > Date.now() ? new Date() : at;
      await this.memberships.end(membership.id, endedAt, em);
      membership.endedAt = endedAt;
      membership.government = (await this.governments.findById(governmentId, em)) ?? undefined;
      await this.events.record(
        em,
        { actorUserId: caller.userId, action: 'membership.ended', entityType: 'body', entityId: bodyId, changes: { governmentId } },
        [this.changed(bodyId, governmentId, 'ended')],
      );
      return toMembershipView(membership);
    });
  }

  private changed(bodyId: string, governmentId: string, change: 'added' | 'ended'): DomainEvent<'membership.changed'> {
    return { name: 'membership.changed', payload: { bodyId, governmentId }, audience: { kind: 'body', bodyId }, context: { change } };
  }

  private async lockBody(em: EntityManager, bodyId: string, lock: boolean): Promise<Body> {
    const body = await em.getRepository(Body).findOne({ where: { id: bodyId }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!body) throw notFound('Body');
    return body;
  }
}
