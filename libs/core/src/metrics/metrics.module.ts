import { DynamicModule, Global, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { QUEUES } from '@forum/contracts';
import { ForumMetrics } from './metrics';

/** pg's pool counters, as TypeORM's Postgres driver holds them */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The gauges every application shares: queue depths, outbox lag, database pool. */
@Injectable()
class CoreCollectors implements OnModuleInit {
  constructor(
    @Inject(ForumMetrics) private readonly metrics: ForumMetrics,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const { metrics } = this;
    const dataSource = this.optional<DataSource>(getDataSourceToken());
    const queues = Object.values(QUEUES)
      .map((name) => ({ name, queue: this.optional<Queue>(getQueueToken(name)) }))
      .filter((q): q is { name: (typeof QUEUES)[keyof typeof QUEUES]; queue: Queue } => q.queue !== null);

    metrics.gauge('forum_queue_jobs', 'Jobs in each BullMQ queue, by state', ['queue', 'state'], async (set) => {
      await Promise.all(
        queues.map(async ({ name, queue }) => {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children');
          for (const [state, count] of Object.entries(counts)) set({ queue: name, state }, count);
        }),
      );
    });
    if (!dataSource) return;
    const pending = `FROM outbox_event WHERE relayed_at IS NULL`;
    metrics.gauge('forum_outbox_pending_events', 'Outbox events committed but not yet relayed to the queues', [], async (set) => {
      const [row] = (await dataSource.query(`SELECT count(*)::int AS n ${pending}`)) as { n: number }[];
      set({}, row.n);
    });
    metrics.gauge('forum_outbox_lag_seconds', 'Age of the oldest outbox event not yet relayed (0 when none waits)', [], async (set) => {
      const [row] = (await dataSource.query(`SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS lag ${pending}`)) as { lag: number }[];
      set({}, row.lag);
    });
    metrics.gauge('forum_db_pool_connections', 'Database pool connections of this process, by state', ['state'], (set) => {
      const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
      if (!pool) return;
      set({ state: 'total' }, pool.totalCount);
      set({ state: 'idle' }, pool.idleCount);
      set({ state: 'waiting' }, pool.waitingCount);
    });
  }

  private optional<T>(token: unknown): T | null {
    try {
      return this.moduleRef.get<T>(token as never, { strict: false });
    } catch {
      return null;
    }
  }
}

/** One ForumMetrics per application, injectable everywhere (global). */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(app: 'api' | 'worker'): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: ForumMetrics, useFactory: () => new ForumMetrics(app) }, CoreCollectors],
      exports: [ForumMetrics],
    };
  }
}
