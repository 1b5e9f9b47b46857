import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DeliveryStatus } from './delivery.entity';

export interface PlannedDelivery {
  queue: string;
  jobId: string;
  name: string;
  data: Record<string, unknown>;
  runAt?: Date | null;
}

export interface DeliveryRow {
  id: string;
  queue: string;
  jobId: string;
  name: string;
  data: Record<string, unknown>;
  runAt: Date | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

/**
 * A job that sends many emails (a batch) refreshes its "sending" record this often while it runs: the sweep
 * waits this long beyond one send's time limits before it takes the job for lost.
 */
export const SENDING_REFRESH_MS = 1000;
/** A batch's "sending" record not refreshed for this long: its attempt is over (its process gone), another may begin. */
export const SENDING_LIVE_MS = 3 * SENDING_REFRESH_MS;

/** Another attempt of the same job is still sending (Redis lost the job and it was added again meanwhile): this one waits for a retry. */
export class DeliveryInProgress extends Error {
  override name = 'DeliveryInProgress';
}

const COLUMNS = `id, queue, job_id AS "jobId", name, data, run_at AS "runAt", status, attempts, last_error AS "lastError",
  message_id AS "messageId", created_at AS "createdAt", updated_at AS "updatedAt", sent_at AS "sentAt"`;

/**
 * Postgres's record of every queue job that must happen (notification fan-outs, emails, embargoes):
 * written in the transaction that decides the job, so Redis may lose everything and the sweep still
 * knows what to add again.
 */
@Injectable()
export class DeliveryLedger {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The pool's manager, for a record written on its own (outside any other transaction). */
  manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** One multi-row insert; a delivery already recorded (the same job id) is kept as it is. */
  async record(em: EntityManager, planned: PlannedDelivery[]): Promise<void> {
    if (!planned.length) return;
    const values: unknown[] = [];
    const rows = planned.map((p, i) => {
      values.push(p.queue, p.jobId, p.name, JSON.stringify(p.data), p.runAt ?? null);
      const at = i * 5;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}::jsonb, $${at + 5}::timestamptz)`;
    });
    await em.query(`INSERT INTO delivery (queue, job_id, name, data, run_at) VALUES ${rows.join(', ')} ON CONFLICT (queue, job_id) DO NOTHING`, values);
  }

  /**
   * The attempt begins (emails: before SMTP, with the stable Message-ID). Returns the status it had, so a
   * send that finds "sending" knows an earlier attempt may have reached the server.
   */
  async sending(queue: string, jobId: string, messageId: string | null): Promise<DeliveryStatus | null> {
    const rows: { previous: DeliveryStatus }[] = returned(
      await this.dataSource.query(
        `UPDATE delivery d SET status = 'sending', attempts = d.attempts + 1, message_id = COALESCE($3, d.message_id), updated_at = now()
         FROM (SELECT id, status AS previous FROM delivery WHERE queue = $1 AND job_id = $2 FOR UPDATE) old
        WHERE d.id = old.id RETURNING old.previous`,
        [queue, jobId, messageId],
      ),
    );
    return rows[0]?.previous ?? null;
  }

  /**
   * `sending` for an attempt that must be alone (a batch of emails): taken unless another attempt of the job holds a
   * "sending" record refreshed within SENDING_LIVE_MS. false while that other attempt is live; a job without a
   * delivery record goes ahead, as with `sending`.
   */
  async startSending(queue: string, jobId: string, messageId: string | null): Promise<boolean> {
    const taken: unknown[] = returned(
      await this.dataSource.query(
        `UPDATE delivery SET status = 'sending', attempts = attempts + 1, message_id = COALESCE($3, message_id), updated_at = now()
          WHERE queue = $1 AND job_id = $2 AND (status <> 'sending' OR updated_at < now() - make_interval(secs => $4::float / 1000)) RETURNING id`,
        [queue, jobId, messageId, SENDING_LIVE_MS],
      ),
    );
    if (taken.length) return true;
    return !(await this.dataSource.query(`SELECT 1 FROM delivery WHERE queue = $1 AND job_id = $2`, [queue, jobId])).length;
  }

  /** The attempt is still alive (a batch between two sends): the sweep leaves its job alone a while longer. */
  async stillSending(queue: string, jobId: string): Promise<void> {
    await this.dataSource.query(`UPDATE delivery SET updated_at = now() WHERE queue = $1 AND job_id = $2 AND status = 'sending'`, [queue, jobId]);
  }

  /**
   * The job did its work. (When the job ran before the transaction that records its delivery committed,
   * this finds no row; the sweep then sees the job completed in Redis and marks it sent.)
   */
  async sent(queue: string, jobId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE delivery SET status = 'sent', sent_at = COALESCE(sent_at, now()), last_error = NULL, updated_at = now() WHERE queue = $1 AND job_id = $2 AND status <> 'sent'`,
      [queue, jobId],
    );
  }

  async markSent(ids: string[]): Promise<void> {
    if (ids.length)
      await this.dataSource.query(
        `UPDATE delivery SET status = 'sent', sent_at = COALESCE(sent_at, now()), updated_at = now() WHERE id = ANY($1::bigint[]) AND status <> 'sent'`,
        [ids],
      );
  }

  async markFailed(ids: string[], error: string): Promise<void> {
    if (ids.length)
      await this.dataSource.query(
        `UPDATE delivery SET status = 'failed', last_error = $2, updated_at = now() WHERE id = ANY($1::bigint[]) AND status <> 'sent'`,
        [ids, error.slice(0, 2000)],
      );
  }

  /** An attempt failed: back to pending while attempts remain, failed (the dead letter) once they are out. */
  async attemptFailed(queue: string, jobId: string, error: string, final: boolean): Promise<void> {
    await this.dataSource.query(`UPDATE delivery SET status = $3, last_error = $4, updated_at = now() WHERE queue = $1 AND job_id = $2 AND status <> 'sent'`, [
      queue,
      jobId,
      final ? 'failed' : 'pending',
      error.slice(0, 2000),
    ]);
  }

  /**
   * Deliveries nobody touched for a while: the sweep checks their job is still in Redis. A pending one after
   * `graceMs`; one being sent only after `sendingGraceMs`, the longest an attempt can still be alive (talking to
   * the server): re-adding it sooner, after Redis lost its job, would send it a second time beside the first.
   */
  open(graceMs: number, limit: number, sendingGraceMs = graceMs): Promise<DeliveryRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM delivery
        WHERE (status = 'pending' AND updated_at < now() - make_interval(secs => $1::float / 1000))
           OR (status = 'sending' AND updated_at < now() - make_interval(secs => $3::float / 1000))
        ORDER BY updated_at LIMIT $2`,
      [graceMs, limit, Math.max(graceMs, sendingGraceMs)],
    );
  }

  /** The sweep saw the job, or re-added it: not again before the next grace period. */
  async touched(ids: string[]): Promise<void> {
    if (ids.length) await this.dataSource.query(`UPDATE delivery SET updated_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
  }

  async page(status: DeliveryStatus | undefined, limit: number, offset: number): Promise<[DeliveryRow[], number]> {
    const where = status ? `WHERE status = $3` : '';
    const params: unknown[] = [limit, offset, ...(status ? [status] : [])];
    const [rows, count] = await Promise.all([
      this.dataSource.query(`SELECT ${COLUMNS} FROM delivery ${where} ORDER BY updated_at DESC, id DESC LIMIT $1 OFFSET $2`, params),
      this.dataSource.query(`SELECT COUNT(*)::int AS total FROM delivery ${where.replace('$3', '$1')}`, status ? [status] : []),
    ]);
    return [rows, count[0].total];
  }

  async findById(id: string): Promise<DeliveryRow | null> {
    const rows: DeliveryRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM delivery WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A dead letter given another round of attempts. */
  async reopen(id: string): Promise<DeliveryRow | null> {
    const rows: DeliveryRow[] = returned(
      await this.dataSource.query(
        `UPDATE delivery SET status = 'pending', attempts = 0, last_error = NULL, updated_at = now() WHERE id = $1 AND status = 'failed' RETURNING ${COLUMNS}`,
        [id],
      ),
    );
    return rows[0] ?? null;
  }

  async counts(): Promise<Record<DeliveryStatus, number>> {
    const rows: { status: DeliveryStatus; n: number }[] = await this.dataSource.query(
      `SELECT status, COUNT(*)::int AS n FROM delivery WHERE status <> 'sent' GROUP BY status`,
    );
    const counts = { pending: 0, sending: 0, sent: 0, failed: 0 };
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }
}

/** TypeORM answers an UPDATE … RETURNING on Postgres with [rows, affected]. */
function returned<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
