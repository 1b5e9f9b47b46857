import { Pool } from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

export interface RecordedQuery {
  sql: string;
  parameters: unknown[];
}

/** Records the SQL statements the in-process API sends while `run` executes (transaction control left out). */
export async function recordQueries(run: () => Promise<unknown>): Promise<RecordedQuery[]> {
  const original = PostgresQueryRunner.prototype.query;
  // the hot reads go straight to the pool (poolQuery), past TypeORM's query runners; TypeORM itself never calls pool.query
  const originalPool = Pool.prototype.query;
  const recorded: RecordedQuery[] = [];
  const record = (sql: string, parameters: unknown) => {
    if (!/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(sql)) recorded.push({ sql, parameters: (parameters as unknown[]) ?? [] });
  };
  PostgresQueryRunner.prototype.query = function recording(this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    record(String(args[0]), args[1]);
    return original.apply(this, args);
  } as typeof original;
  Pool.prototype.query = function recording(this: Pool, ...args: unknown[]) {
    record(String(args[0]), args[1]);
    return (originalPool as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof originalPool;
  try {
    await run();
  } finally {
    PostgresQueryRunner.prototype.query = original;
    Pool.prototype.query = originalPool;
  }
  return recorded;
}

/** How many statements `run` costs: lists must not cost more for a larger page (no N+1). */
export async function countQueries(run: () => Promise<unknown>): Promise<number> {
  return (await recordQueries(run)).length;
}
