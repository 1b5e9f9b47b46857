import { type DataSource, QueryFailedError } from 'typeorm';

interface PgPool {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * One read statement straight on the pg pool, for the hot reads: `dataSource.query` makes a TypeORM query runner
 * per call (created, connected, broadcast to subscribers, released), which costs more than the statement's own
 * mapping. The same pool and its limits (statement timeout, acquire timeout); a failure comes back as TypeORM's
 * QueryFailedError, as from `dataSource.query`, so the error filter reads it alike. Not for writes: those
 * belong to a transaction's `em`.
 */
export async function poolQuery<T>(dataSource: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (!pool) return dataSource.query(sql, params);
  try {
    return (await pool.query(sql, params)).rows as T[];
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}
