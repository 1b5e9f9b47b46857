import { BodyReason } from '@forum/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, conflict, EventRecorder, forbidden, invalid, isSecretariat, notFound } from '@forum/core';
import type { DomainEvent, MembershipRole, Page } from '@forum/contracts';
import { GovernmentRepository } from '@forum/governments';
import { Body } from './body.entity';
import { MembershipRoleChange } from './membership-role-change.entity';

export interface RoleChangeView {
  from: MembershipRole;
  to: MembershipRole;
  changedAt: string;
  changedByUserId: string | null;
}
import { MembershipRepository } from './body.repository';
import { coChairRefusal } from './co-chair.rule';
import { requireOpenBody } from './body-closing.rule';
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
    requireOpenBody(body);
    const government = await this.governments.findById(governmentId, em);
    if (!government) throw invalid(['governmentId does not name an existing government']);
    if (await this.memberships.findActive(bodyId, governmentId, em)) {
      throw conflict(BodyReason.AlreadyMember, `${government.nameEn} is already a member of this body`);
    }
    if (role === 'co_chair') {
      const current = (await this.memberships.listOfBody(bodyId, false, em)).filter((m) => m.role === 'co_chair');
      const refusal = coChairRefusal(
        body.kind,
        government.level,
        current.map((m) => m.government!.level),
      );
      if (refusal) throw conflict(BodyReason.CoChairRule, refusal);
    }
    const membership = await this.memberships.insert({ bodyId, governmentId, role, startedAt, endedAt: null }, em);
    membership.government = government;
    await this.events.record(em, { actorUserId, action: 'membership.added', entityType: 'body', entityId: bodyId, changes: { governmentId, role } }, [
      this.changed(bodyId, governmentId, 'added'),
    ]);
    return membership;
  }

  /**
   * Changes a seat's role in place: the seat keeps its start and each change is kept in its history. The
   * co-chair rule is checked against the other co-chairs; a refused change leaves the seat untouched.
   */
  async changeRole(caller: Caller, bodyId: string, governmentId: string, role: MembershipRole): Promise<MembershipView & { roleHistory: RoleChangeView[] }> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat manages membership');
    return this.dataSource.transaction(async (em) => {
      const body = await this.lockBody(em, bodyId, true);
      requireOpenBody(body);
      const membership = await this.memberships.findActive(bodyId, governmentId, em);
      if (!membership) throw notFound('Membership');
      const government = (await this.governments.findById(governmentId, em))!;
      membership.government = government;
      if (membership.role !== role) {
        if (role === 'co_chair') {
          const others = (await this.memberships.listOfBody(bodyId, false, em)).filter((m) => m.role === 'co_chair' && m.governmentId !== governmentId);
          const refusal = coChairRefusal(
            body.kind,
            government.level,
            others.map((m) => m.government!.level),
          );
          if (refusal) throw conflict(BodyReason.CoChairRule, refusal);
        }
        const repo = em.getRepository(MembershipRoleChange);
        await repo.insert({ membershipId: membership.id, fromRole: membership.role, toRole: role, changedByUserId: caller.userId, changedAt: new Date() });
        await this.memberships.setRole(membership.id, role, em);
        await this.events.record(
          em,
          {
            actorUserId: caller.userId,
            action: 'membership.role-changed',
            entityType: 'body',
            entityId: bodyId,
            changes: { governmentId, from: membership.role, to: role },
          },
          [
            {
              name: 'membership.changed',
              payload: { bodyId, governmentId },
              audience: { kind: 'body', bodyId },
              context: { change: 'role', from: membership.role, to: role },
            },
          ],
        );
        membership.role = role;
      }
      const history = await em.getRepository(MembershipRoleChange).find({ where: { membershipId: membership.id }, order: { changedAt: 'ASC', id: 'ASC' } });
      return {
        ...toMembershipView(membership),
        roleHistory: history.map((h) => ({ from: h.fromRole, to: h.toRole, changedAt: h.changedAt.toISOString(), changedByUserId: h.changedByUserId })),
      };
    });
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
