import { CommonReason } from '@forum/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller, conflict, EventRecorder, forbidden, isSecretariat, notFound } from '@forum/core';
import type { Page } from '@forum/contracts';
import { CreateGovernmentDto } from './create-government.dto';
import { GovernmentRepository } from './government.repository';
import { toGovernmentView, GovernmentView } from './government.view';
import { precedenceOf } from './precedence';

@Injectable()
export class GovernmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly governments: GovernmentRepository,
    private readonly events: EventRecorder,
  ) {}

  async list(filter: { level?: string }, limit: number, offset: number): Promise<Page<GovernmentView>> {
    const [rows, total] = await this.governments.findAllInPrecedence(filter, limit, offset);
    return { items: rows.map(toGovernmentView), total };
  }

  async get(id: string): Promise<GovernmentView> {
    const government = await this.governments.findById(id);
    if (!government) throw notFound('Government');
    return toGovernmentView(government);
  }

  async create(caller: Caller, dto: CreateGovernmentDto): Promise<GovernmentView> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat adds governments');
    return this.dataSource.transaction(async (em) => {
      if (await this.governments.findByCode(dto.code, em)) throw conflict(CommonReason.Duplicate, `A government with code ${dto.code} already exists`);
      const government = await this.governments.insert({ ...dto, precedence: precedenceOf(dto.code, dto.level) }, em);
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: 'government.created',
        entityType: 'government',
        entityId: government.id,
        changes: { ...dto },
      });
      return toGovernmentView(government);
    });
  }
}
