import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from '@forum/identity';
import { FundingClaimEvent } from './funding-claim-event.entity';
import { FundingClaim } from './funding-claim.entity';
import { FundingProgram } from './funding-program.entity';

const NO_BODY = '00000000-0000-0000-0000-000000000000';

@Injectable()
export class FundingProgramRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(FundingProgram);
  }

  findById(id: string, em?: EntityManager): Promise<FundingProgram | null> {
    return this.repo(em).findOneBy({ id });
  }

  /** Takes the program's row lock for the rest of the transaction: approvals against one budget run one at a time. */
  lockById(id: string, em: EntityManager): Promise<FundingProgram | null> {
    return this.repo(em).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  page(filter: { scopeBodyIds: string[] | null; bodyId?: string }, limit: number, offset: number): Promise<[FundingProgram[], number]> {
    const qb = this.repo().createQueryBuilder('p');
    if (filter.scopeBodyIds) qb.andWhere('p.body_id IN (:...scope)', { scope: filter.scopeBodyIds.length ? filter.scopeBodyIds : [NO_BODY] });
    if (filter.bodyId) qb.andWhere('p.body_id = :bodyId', { bodyId: filter.bodyId });
    return qb.orderBy('p.eligible_from', 'DESC').addOrderBy('p.created_at', 'DESC').addOrderBy('p.id', 'ASC').limit(limit).offset(offset).getManyAndCount();
  }

  /** The body of a meeting decision, or null when there is no such decision. */
  async decisionBodyId(decisionId: string, em: EntityManager): Promise<string | null> {
    const rows: { body_id: string }[] = await em.query(`SELECT body_id FROM meeting_decision WHERE id = $1`, [decisionId]);
    return rows[0]?.body_id ?? null;
  }

  async actionItemBodyId(actionItemId: string, em: EntityManager): Promise<string | null> {
    const rows: { body_id: string }[] = await em.query(`SELECT body_id FROM action_item WHERE id = $1`, [actionItemId]);
    return rows[0]?.body_id ?? null;
  }

  insert(program: Partial<FundingProgram>, em: EntityManager): Promise<FundingProgram> {
    return this.repo(em).save(this.repo(em).create(program));
  }
}

@Injectable()
export class FundingClaimRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(FundingClaim);
  }

  findById(id: string, em?: EntityManager): Promise<FundingClaim | null> {
    return this.repo(em).findOneBy({ id });
  }

  lockById(id: string, em: EntityManager): Promise<FundingClaim | null> {
    return this.repo(em).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  pageOfProgram(programId: string, limit: number, offset: number): Promise<[FundingClaim[], number]> {
    return this.repo().findAndCount({ where: { programId }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit, skip: offset });
  }

  allOfProgram(programId: string): Promise<FundingClaim[]> {
    return this.repo().find({ where: { programId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The approvals counted against each program's budget: approved, paid and reconciled claims. */
  async approvedTotals(programIds: string[], em?: EntityManager): Promise<Map<string, number>> {
    if (!programIds.length) return new Map();
    const rows: { programId: string; total: string }[] = await this.repo(em)
      .createQueryBuilder('c')
      .select('c.program_id', 'programId')
      .addSelect('COALESCE(SUM(c.approved_cents), 0)', 'total')
      .where('c.program_id IN (:...programIds)', { programIds })
      .andWhere(`c.status IN ('approved', 'paid', 'reconciled')`)
      .groupBy('c.program_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.programId, Number(r.total)]));
  }

  insert(claim: Partial<FundingClaim>, em: EntityManager): Promise<FundingClaim> {
    return this.repo(em).save(this.repo(em).create(claim));
  }

  async update(id: string, changes: Partial<FundingClaim>, em: EntityManager): Promise<FundingClaim> {
    await this.repo(em).update({ id }, changes as never);
    return (await this.repo(em).findOneBy({ id }))!;
  }
}

export interface ClaimEventWithActor {
  event: FundingClaimEvent;
  actorName: string | null;
}

@Injectable()
export class FundingClaimEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(FundingClaimEvent);
  }

  insert(event: Partial<FundingClaimEvent>, em: EntityManager): Promise<FundingClaimEvent> {
    return this.repo(em).save(this.repo(em).create(event));
  }

  /** Every step of the given claims, oldest first, with the actor's name (two queries for any number of claims). */
  async ofClaims(claimIds: string[], em?: EntityManager): Promise<Map<string, ClaimEventWithActor[]>> {
    const byClaim = new Map<string, ClaimEventWithActor[]>(claimIds.map((id) => [id, []]));
    if (!claimIds.length) return byClaim;
    const events = await this.repo(em).find({ where: { claimId: In(claimIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
    const actorIds = [...new Set(events.map((e) => e.actorUserId).filter((id): id is string => !!id))];
    const actors = actorIds.length
      ? await (em ?? this.dataSource.manager).getRepository(User).find({ select: { id: true, displayName: true }, where: { id: In(actorIds) } })
      : [];
    const names = new Map(actors.map((u) => [u.id, u.displayName]));
    for (const event of events) byClaim.get(event.claimId)!.push({ event, actorName: event.actorUserId ? (names.get(event.actorUserId) ?? null) : null });
    return byClaim;
  }
}
