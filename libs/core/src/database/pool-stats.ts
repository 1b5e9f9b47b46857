import type { DataSource } from 'typeorm';

export interface PoolStats {
  /** the configured maximum */
  max: number;
  /** connections open (idle + in use) */
  total: number;
  idle: number;
  /** callers waiting for a connection */
  waiting: number;
}

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** The pg pool's counts, for health and for the metrics endpoint. */
export function poolStats(dataSource: DataSource): PoolStats {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (!pool) return { max: 0, total: 0, idle: 0, waiting: 0 };
  return { max: pool.options?.max ?? 0, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}
