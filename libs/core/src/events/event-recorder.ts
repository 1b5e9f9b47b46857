import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@forum/contracts';
import { EntityManager } from 'typeorm';
import { AuditRecord } from './audit-record.entity';
import { OutboxEvent } from './outbox-event.entity';

export const OUTBOX_CHANNEL = 'forum_outbox';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes?: Record<string, unknown> | null;
}

/**
 * The audit + outbox path: every service write calls this inside its own transaction,
 * so the change, its audit record and its events commit or vanish together.
 */
@Injectable()
export class EventRecorder {
  async record(em: EntityManager, audit: AuditEntry, events: DomainEvent[] = []): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('EventRecorder.record must be called inside a transaction');
    }
    await em.getRepository(AuditRecord).insert({ ...audit, changes: (audit.changes ?? null) as never });
    if (events.length === 0) return;
    await em.getRepository(OutboxEvent).insert(
      events.map((e) => ({
        name: e.name,
        payload: e.payload as never,
        audience: e.audience as never,
        context: (e.context ?? null) as never,
        notify: (e.notify?.length ? e.notify : null) as never,
        jobs: (e.jobs?.length ? e.jobs : null) as never,
        actorUserId: audit.actorUserId,
      })),
    );
    // Delivered by Postgres only on commit: wakes the relay at once instead of at its next poll.
    await em.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}
