import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { type LocatedTarget, LocatesTarget, TargetKind, type TargetLocator } from '@forum/core';
import { FundingClaim } from './funding-claim.entity';
import { FundingProgram } from './funding-program.entity';

/** A funding program's body, for the access check. */
@Injectable()
@LocatesTarget(TargetKind.FundingProgram)
export class FundingProgramLocator implements TargetLocator {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async locate(ids: string[]): Promise<Map<string, LocatedTarget>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource.getRepository(FundingProgram).find({ select: { id: true, bodyId: true }, where: { id: In(ids) } });
    return new Map(rows.map((p) => [p.id, { bodyId: p.bodyId }]));
  }
}

/** A claim's body (its program's), for the access check. */
@Injectable()
@LocatesTarget(TargetKind.FundingClaim)
export class FundingClaimLocator implements TargetLocator {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async locate(ids: string[]): Promise<Map<string, LocatedTarget>> {
    if (!ids.length) return new Map();
    const rows: { id: string; body_id: string }[] = await this.dataSource
      .getRepository(FundingClaim)
      .createQueryBuilder('c')
      .innerJoin(FundingProgram, 'p', 'p.id = c.program_id')
      .select(['c.id AS id', 'p.body_id AS body_id'])
      .where('c.id IN (:...ids)', { ids })
      .getRawMany();
    return new Map(rows.map((r) => [r.id, { bodyId: r.body_id }]));
  }
}
