import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { OperationsReason, QUEUES, type Page } from '@forum/contracts';
import { Caller, conflict, DeliveryLedger, DeliveryRow, DeliveryStatus, forbidden, isSecretariat, notFound } from '@forum/core';

export interface DeliveryView {
  id: string;
  queue: string;
  jobId: string;
  name: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

const toView = (d: DeliveryRow): DeliveryView => ({
  id: String(d.id),
  queue: d.queue,
  jobId: d.jobId,
  name: d.name,
  status: d.status,
  attempts: d.attempts,
  lastError: d.lastError,
  messageId: d.messageId,
  createdAt: new Date(d.createdAt).toISOString(),
  updatedAt: new Date(d.updatedAt).toISOString(),
  sentAt: d.sentAt ? new Date(d.sentAt).toISOString() : null,
});

/** The secretariat's view of deliveries: the dead letters (failed once out of attempts) and their retry. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly ledger: DeliveryLedger,
    private readonly moduleRef: ModuleRef,
  ) {}

  async list(caller: Caller, status: DeliveryStatus | undefined, limit: number, offset: number): Promise<Page<DeliveryView>> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat reads deliveries');
    const [rows, total] = await this.ledger.page(status, limit, offset);
    return { items: rows.map(toView), total };
  }

  /** Another full round of attempts for a failed delivery: its kept job is retried, or added again if Redis lost it. */
  async retry(caller: Caller, id: string): Promise<DeliveryView> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat retries deliveries');
    const current = await this.ledger.findById(id);
    if (!current) throw notFound('Delivery');
    if (current.status !== 'failed')
      throw conflict(OperationsReason.DeliveryNotFailed, `Only a failed delivery is retried; this one is ${current.status}`, { status: current.status });
    const reopened = await this.ledger.reopen(id);
    if (!reopened)
      throw conflict(OperationsReason.DeliveryNotFailed, 'This delivery is no longer failed', { status: (await this.ledger.findById(id))?.status });
    const queue = (Object.values(QUEUES) as string[]).includes(reopened.queue)
      ? this.moduleRef.get<Queue>(getQueueToken(reopened.queue), { strict: false })
      : null;
    if (queue) {
      const job = await queue.getJob(reopened.jobId);
      if (!job) await queue.add(reopened.name, reopened.data, { jobId: reopened.jobId });
      else if ((await job.getState()) === 'failed') await job.retry('failed', { resetAttemptsMade: true });
    }
    // (An unknown queue, or Redis out of reach: the row is pending again and the worker's sweep adds the job.)
    return toView(reopened);
  }
}
