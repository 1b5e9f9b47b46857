import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, IsNull } from 'typeorm';
import {
  Caller,
  checkOutboundUrl,
  EventRecorder,
  FORUM_CONFIG,
  ForumConfig,
  forbidden,
  invalid,
  isSecretariat,
  notFound,
  OutboundRefused,
  sealSecret,
} from '@forum/core';
import { QUEUES, WEBHOOK_DELIVER_JOB } from '@forum/contracts';
import type { CreateWebhookDto, WebhookDeliveryView, WebhookView } from './webhook.dto';
import { Webhook } from './webhook.entity';
import { WebhookDelivery } from './webhook-delivery.entity';

const toView = (w: Webhook): WebhookView => ({
  id: w.id,
  url: w.url,
  events: w.events,
  bodyId: w.bodyId,
  governmentId: w.governmentId,
  createdAt: w.createdAt.toISOString(),
});

/** The secretariat's webhook subscriptions and their delivery log. */
@Injectable()
export class WebhookService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
    private readonly events: EventRecorder,
  ) {}

  private requireSecretariat(caller: Caller) {
    if (!isSecretariat(caller) || caller.serviceToken) throw forbidden('Only the secretariat manages webhooks');
  }

  /** The URL is checked now (HTTPS, public addresses) and again at each delivery. The secret is answered this once. */
  async create(caller: Caller, dto: CreateWebhookDto): Promise<WebhookView & { secret: string }> {
    this.requireSecretariat(caller);
    try {
      await checkOutboundUrl(dto.url, this.config.allowHttpHosts);
    } catch (error) {
      if (error instanceof OutboundRefused) throw invalid([`url ${error.message}`]);
      throw error;
    }
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    return this.dataSource.transaction(async (em) => {
      if (dto.bodyId && !(await em.query(`SELECT 1 FROM body WHERE id = $1`, [dto.bodyId])).length) throw invalid(['bodyId names no body']);
      if (dto.governmentId && !(await em.query(`SELECT 1 FROM government WHERE id = $1`, [dto.governmentId])).length)
        throw invalid(['governmentId names no government']);
      await em.getRepository(Webhook).insert({
        id,
        url: dto.url,
        events: dto.events,
        bodyId: dto.bodyId ?? null,
        governmentId: dto.governmentId ?? null,
        secretSealed: sealSecret(this.config.secretsKey, secret),
        createdBy: caller.userId,
        deletedAt: null,
      });
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: 'webhook.created',
        entityType: 'webhook',
        entityId: id,
        changes: { url: dto.url, events: dto.events, bodyId: dto.bodyId ?? null, governmentId: dto.governmentId ?? null },
      });
      return { ...toView(await em.getRepository(Webhook).findOneByOrFail({ id })), secret };
    });
  }

  async list(caller: Caller): Promise<{ items: WebhookView[]; total: number }> {
    this.requireSecretariat(caller);
    const rows = await this.dataSource.getRepository(Webhook).find({ where: { deletedAt: IsNull() }, order: { createdAt: 'DESC' } });
    return { items: rows.map(toView), total: rows.length };
  }

  async remove(caller: Caller, id: string): Promise<void> {
    this.requireSecretariat(caller);
    await this.dataSource.transaction(async (em) => {
      const row = await em.getRepository(Webhook).findOneBy({ id, deletedAt: IsNull() });
      if (!row) throw notFound('Webhook');
      await em.getRepository(Webhook).update({ id }, { deletedAt: new Date() });
      await this.events.record(em, { actorUserId: caller.userId, action: 'webhook.deleted', entityType: 'webhook', entityId: id, changes: { url: row.url } });
    });
  }

  async deliveries(caller: Caller, id: string, limit = 50, offset = 0): Promise<{ items: WebhookDeliveryView[]; total: number }> {
    this.requireSecretariat(caller);
    if (!(await this.dataSource.getRepository(Webhook).findOneBy({ id }))) throw notFound('Webhook');
    const [rows, total] = await this.dataSource
      .getRepository(WebhookDelivery)
      .findAndCount({ where: { webhookId: id }, order: { createdAt: 'DESC' }, take: limit, skip: offset });
    return {
      items: rows.map((d) => ({
        deliveryId: d.id,
        event: d.event,
        attempt: d.attempt,
        status: d.status,
        responseStatus: d.responseStatus,
        at: d.updatedAt.toISOString(),
      })),
      total,
    };
  }

  /** Retry now: a failed or dead delivery is sent again at once, with the same id and body. */
  async retry(caller: Caller, id: string, deliveryId: string): Promise<WebhookDeliveryView> {
    this.requireSecretariat(caller);
    const repo = this.dataSource.getRepository(WebhookDelivery);
    const delivery = await repo.findOneBy({ id: deliveryId, webhookId: id });
    if (!delivery) throw notFound('Delivery');
    await repo.update({ id: deliveryId }, { status: 'pending' });
    await this.queue.add(WEBHOOK_DELIVER_JOB, { deliveryId }, { jobId: `whd-${deliveryId}-retry-${Date.now()}` });
    const updated = await repo.findOneByOrFail({ id: deliveryId });
    return {
      deliveryId,
      event: updated.event,
      attempt: updated.attempt,
      status: updated.status,
      responseStatus: updated.responseStatus,
      at: updated.updatedAt.toISOString(),
    };
  }
}
