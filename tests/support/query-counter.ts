import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Counts the SQL statements the in-process API sends while `run` executes. Used to prove lists answer
 * with a bounded number of queries whatever the page size (no N+1).
 */
export async function countQueries(run: () => Promise<unknown>): Promise<number> {
  const original = PostgresQueryRunner.prototype.query;
  let count = 0;
  PostgresQueryRunner.prototype.query = function countingQuery(this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    const sql = String(args[0]).trim().toUpperCase();
    // Transaction control is not data access.
    if (!/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/.test(sql)) count++;
    return original.apply(this, args);
  } as typeof original;
  try {
    await run();
  } finally {
    PostgresQueryRunner.prototype.query = original;
  }
  return count;
}
