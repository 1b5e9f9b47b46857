import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '@forum/contracts';
import { forbidden } from '../errors/domain-error';
import { Caller, isSecretariat } from '../http/caller';
import { AuditRecord } from './audit-record.entity';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface AuditRecordView {
  id: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown> | null;
  createdAt: string;
}

/** Reading the audit trail: the secretariat's view of who changed what, when. */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(caller: Caller, filter: AuditFilter, limit: number, offset: number): Promise<Page<AuditRecordView>> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat reads the audit trail');
    const qb = this.dataSource.getRepository(AuditRecord).createQueryBuilder('a');
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorUserId) qb.andWhere('a.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.from) qb.andWhere('a.created_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.created_at < :to', { to: filter.to });
    const [rows, total] = await qb.orderBy('a.id', 'DESC').take(limit).skip(offset).getManyAndCount();
    return {
      items: rows.map((r) => ({
        id: r.id,
        actorUserId: r.actorUserId,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        changes: r.changes,
        createdAt: r.createdAt.toISOString(),
      })),
      total,
    };
  }
}
