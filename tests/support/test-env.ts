/** Where the tests find their services: the machine's local Postgres and Redis unless told otherwise. */
export const TEST_ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Set by the global setup; lets several jest runs share one Postgres without touching each other's databases. */
export const testRunId = (): string => {
  const id = process.env.FORUM_TEST_RUN;
  if (!id) throw new Error('FORUM_TEST_RUN is not set: run the tests through jest (the global setup sets it)');
  return id;
};
export const templateDatabase = (): string => `forum_test_${testRunId()}_template`;

export function databaseUrl(name: string): string {
  const url = new URL(TEST_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
