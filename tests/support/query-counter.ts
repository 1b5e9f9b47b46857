import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

export interface RecordedQuery {
  sql: string;
  parameters: unknown[];
}

/** Records the SQL statements the in-process API sends while `run` executes (transaction control left out). */
export async function recordQueries(run: () => Promise<unknown>): Promise<RecordedQuery[]> {
  const original = PostgresQueryRunner.prototype.query;
  const recorded: RecordedQuery[] = [];
  PostgresQueryRunner.prototype.query = function recording(this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    const sql = String(args[0]);
    if (!/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(sql)) recorded.push({ sql, parameters: (args[1] as unknown[]) ?? [] });
    return original.apply(this, args);
  } as typeof original;
  try {
    await run();
  } finally {
    PostgresQueryRunner.prototype.query = original;
  }
  return recorded;
}

/** How many statements `run` costs: lists must not cost more for a larger page (no N+1). */
export async function countQueries(run: () => Promise<unknown>): Promise<number> {
  return (await recordQueries(run)).length;
}
