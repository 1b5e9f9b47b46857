import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { QUEUES } from '@forum/contracts';
import { FORUM_CONFIG, ForumConfig, poolStats, PoolStats, Public, REDIS } from '@forum/core';

type Check = 'up' | 'down';
const PROBE_MS = 1000;

export interface ReadyComponents {
  postgres: { state: Check; pool: PoolStats };
  redis: { state: Check };
  outbox: { state: Check; lagSeconds: number | null; maxLagSeconds: number };
  queues: { state: Check; depth: number | null; maxDepth: number };
}

/**
 * Honest health. `live`: the process answers (restart it if not). `ready`: it can serve — the Postgres
 * pool hands out a connection, Redis accepts a write, the outbox is relayed and the queues drain within
 * their thresholds (route traffic elsewhere if not). `GET /health` is the contract's: Postgres and Redis
 * as ready checks them.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * The contract's health: 200 when Postgres and Redis answer in ready's sense (the pool serves a query,
   * Redis accepts a write), 503 otherwise. The pipeline's state (outbox, queues) is reported beside them;
   * it decides /health/ready, not this (an api running without its worker still serves).
   */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const { components } = await this.readiness();
    const ok = components.postgres.state === 'up' && components.redis.state === 'up';
    reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'unavailable',
      postgres: components.postgres.state,
      redis: components.redis.state,
      outbox: components.outbox.state,
      queues: components.queues.state,
      time: new Date().toISOString(),
    };
  }

  /** The process answers: nothing else is consulted. */
  @Public()
  @Get('live')
  live() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()), time: new Date().toISOString() };
  }

  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ok, components } = await this.readiness();
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', components, time: new Date().toISOString() };
  }

  private async readiness(): Promise<{ ok: boolean; components: ReadyComponents }> {
    const { maxOutboxLagSeconds, maxQueueDepth } = this.config.ready;
    const [postgres, redis, lag, depth] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      // writable, not merely answering: a full Redis (noeviction) answers PING and refuses every job
      this.probe(() => this.redis.set(`${this.config.redisPrefix}:health`, String(Date.now()), 'PX', 60_000)),
      this.measure(() => this.outboxLag()),
      this.measure(() => this.queueDepth()),
    ]);
    const components: ReadyComponents = {
      postgres: { state: postgres, pool: poolStats(this.dataSource) },
      redis: { state: redis },
      outbox: { state: lag !== null && lag <= maxOutboxLagSeconds ? 'up' : 'down', lagSeconds: lag, maxLagSeconds: maxOutboxLagSeconds },
      queues: { state: depth !== null && depth <= maxQueueDepth ? 'up' : 'down', depth, maxDepth: maxQueueDepth },
    };
    const ok = Object.values(components).every((c) => c.state === 'up');
    return { ok, components };
  }

  /** Seconds the oldest event not yet relayed has waited (0 when none waits). */
  private async outboxLag(): Promise<number> {
    const rows: { lag: number }[] = await this.dataSource.query(
      `SELECT COALESCE(EXTRACT(EPOCH FROM now() - (SELECT created_at FROM outbox_event WHERE relayed_at IS NULL ORDER BY id LIMIT 1)), 0)::float AS lag`,
    );
    return Math.max(0, Math.round(rows[0]?.lag ?? 0));
  }

  /** Jobs waiting (not delayed: an embargo waits on purpose) across the queues. */
  private async queueDepth(): Promise<number> {
    const counts = await Promise.all(
      Object.values(QUEUES).map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }).getJobCountByTypes('waiting', 'prioritized')),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  private async probe(check: () => Promise<unknown>): Promise<Check> {
    return (await this.measure(async () => (await check(), 0))) === null ? 'down' : 'up';
  }

  private async measure<T>(check: () => Promise<T>): Promise<T | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), PROBE_MS);
    });
    try {
      return await Promise.race([check(), timeout]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
