import { type DataSource, QueryFailedError } from 'typeorm';

interface PgPool {
  query(query: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[] }>;
}

/**
 * One read statement straight on the pg pool, for the hot reads: `dataSource.query` makes a TypeORM query runner
 * per call (created, connected, broadcast to subscribers, released), which costs more than the statement's own
 * mapping. The same pool and its limits (statement timeout, acquire timeout); a failure comes back as TypeORM's
 * QueryFailedError, as from `dataSource.query`, so the error filter reads it alike. Not for writes: those
 * belong to a transaction's `em`.
 *
 * `statement` names a prepared statement: each pooled connection parses and plans the SQL once, not on every call
 * (Postgres shares the machine's cores with the api, and planning an access check's subqueries cost it more than
 * running them). The SQL of a name must never vary; migrations run before the api starts, so a plan never
 * outlives the schema it was made for.
 */
export async function poolQuery<T>(dataSource: DataSource, sql: string, params: unknown[], statement?: string): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (!pool) return dataSource.query(sql, params);
  try {
    return (await pool.query({ text: sql, values: params, name: statement })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}
