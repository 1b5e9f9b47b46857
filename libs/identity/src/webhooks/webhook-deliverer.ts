import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MembershipRepository } from '@forum/bodies';
import { DEFAULT_JOB_OPTIONS, FORUM_CONFIG, ForumConfig, guardedFetch, openSecret } from '@forum/core';
import { QUEUES, WEBHOOK_DELIVER_JOB, WEBHOOK_FANOUT_JOB, type WebhookFanoutJob } from '@forum/contracts';
import { webhookSignature } from './webhook-signature';
import { Webhook } from './webhook.entity';

/** A receiver that does not answer within this is a failed attempt. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * The worker's side of webhooks. The fan-out job of an event makes one delivery row per subscription that may see
 * it (the access rules of realtime events: a body's events only to subscriptions of that body or bound to a member
 * government; a restricted document's only to the governments it is restricted to) and one delivery job each; a
 * delivery is retried with the queue's exponential backoff (1 s, 2 s, 4 s… 8 attempts) and then is `dead`.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
    private readonly memberships: MembershipRepository,
  ) {}

  handle(job: Job): Promise<string> {
    if (job.name === WEBHOOK_FANOUT_JOB) return this.fanout(job.data as WebhookFanoutJob);
    if (job.name === WEBHOOK_DELIVER_JOB) return this.deliver(job);
    throw new Error(`The webhooks queue has no job named ${job.name}`);
  }

  /** May a subscription see this event? */
  private async mayReceive(hook: Webhook, event: WebhookFanoutJob): Promise<boolean> {
    if (!hook.events.includes(event.name)) return false;
    const audience = event.audience as { kind: string; bodyId?: string; governmentIds?: string[] };
    const bodyId = audience.bodyId ?? ((event.payload.bodyId ?? event.context?.bodyId) as string | undefined);
    if (hook.bodyId && hook.bodyId !== bodyId) return false;
    if (audience.kind === 'public') return true;
    // a restricted document's events go to the governments it is restricted to (audience `governments`)
    if (audience.kind !== 'body' && audience.kind !== 'governments') return false;
    const restricted =
      audience.kind === 'governments'
        ? audience.governmentIds
        : ((event.context?.restrictedToGovernmentIds ?? event.context?.governmentIds) as string[] | undefined);
    if (!hook.governmentId) return true;
    if (Array.isArray(restricted) && !restricted.includes(hook.governmentId)) return false;
    if (!bodyId) return false;
    return (await this.memberships.findActive(bodyId, hook.governmentId)) !== null;
  }

  private async fanout(event: WebhookFanoutJob): Promise<string> {
    const hooks = await this.dataSource.query(`SELECT * FROM webhook WHERE deleted_at IS NULL AND events ? $1`, [event.name]);
    let made = 0;
    for (const raw of hooks as Record<string, unknown>[]) {
      const hook = this.dataSource.getRepository(Webhook).create({
        id: raw.id as string,
        events: raw.events as string[],
        bodyId: raw.body_id as string | null,
        governmentId: raw.government_id as string | null,
      });
      if (!(await this.mayReceive(hook, event))) continue;
      // The delivery id is made once per (subscription, event): a fan-out run twice adds nothing.
      const id = randomUUID();
      const body = JSON.stringify({ id, event: event.name, occurredAt: event.occurredAt, data: event.payload });
      const inserted = await this.dataSource.query(
        `INSERT INTO webhook_delivery (id, webhook_id, outbox_event_id, event, body, status, attempt) VALUES ($1, $2, $3, $4, $5, 'pending', 0)
         ON CONFLICT (webhook_id, outbox_event_id) DO NOTHING RETURNING id`,
        [id, hook.id, event.eventId, event.name, body],
      );
      const deliveryId: string =
        inserted[0]?.id ??
        (await this.dataSource.query(`SELECT id FROM webhook_delivery WHERE webhook_id = $1 AND outbox_event_id = $2`, [hook.id, event.eventId]))[0].id;
      await this.queue.add(WEBHOOK_DELIVER_JOB, { deliveryId }, { ...DEFAULT_JOB_OPTIONS, jobId: `whd-${deliveryId}` });
      made++;
    }
    return made ? `fanned out to ${made}` : 'no subscription';
  }

  private async deliver(job: Job): Promise<string> {
    const { deliveryId } = job.data as { deliveryId: string };
    const rows = await this.dataSource.query(
      `SELECT d.id, d.body, d.status, w.url, w.secret_sealed, w.deleted_at FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id WHERE d.id = $1`,
      [deliveryId],
    );
    const row = rows[0];
    if (!row || row.status === 'delivered') return 'skipped';
    if (row.deleted_at) {
      await this.dataSource.query(`UPDATE webhook_delivery SET status = 'failed', last_error = 'subscription deleted', updated_at = now() WHERE id = $1`, [
        deliveryId,
      ]);
      return 'skipped: subscription deleted';
    }
    const attemptsAllowed = job.opts.attempts ?? 1;
    const last = job.attemptsMade + 1 >= attemptsAllowed;
    let responseStatus: number | null = null;
    let error: string | null = null;
    try {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const secret = openSecret(this.config.secretsKey, row.secret_sealed);
      const response = await guardedFetch(
        row.url,
        {
          method: 'POST',
          timeoutMs: DELIVERY_TIMEOUT_MS,
          maxBytes: 64 * 1024,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Forum-Webhooks/1',
            'x-forum-delivery': deliveryId,
            'x-forum-event': JSON.parse(row.body).event,
            'x-forum-timestamp': timestamp,
            'x-forum-signature': webhookSignature(secret, row.body),
            'x-forum-signature-timestamped': webhookSignature(secret, `${timestamp}.${row.body}`),
          },
          body: row.body,
        },
        this.config.allowHttpHosts,
      );
      responseStatus = response.status;
      if (response.status < 200 || response.status >= 300) error = `answered ${response.status}`;
    } catch (e) {
      error = (e as Error).message;
    }
    const status = !error ? 'delivered' : last ? 'dead' : 'retrying';
    await this.dataSource.query(
      `UPDATE webhook_delivery SET attempt = attempt + 1, status = $2, response_status = $3, last_error = $4, updated_at = now() WHERE id = $1`,
      [deliveryId, status, responseStatus, error?.slice(0, 500) ?? null],
    );
    if (error) throw new Error(`webhook delivery ${deliveryId} failed: ${error}`);
    return 'delivered';
  }
}
