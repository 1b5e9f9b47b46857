import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { type LocatedTarget, LocatesTarget, TargetKind, type TargetLocator } from '@forum/core';
import { Indicator } from './indicator.entity';

/** An indicator's body, for the access check. */
@Injectable()
@LocatesTarget(TargetKind.Indicator)
export class IndicatorLocator implements TargetLocator {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async locate(ids: string[]): Promise<Map<string, LocatedTarget>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource.getRepository(Indicator).find({ select: { id: true, bodyId: true }, where: { id: In(ids) } });
    return new Map(rows.map((i) => [i.id, { bodyId: i.bodyId }]));
  }
}
