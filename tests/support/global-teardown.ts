import { Client } from 'pg';
import { TEST_ADMIN_URL, testRunId } from './test-env';

/** Drops whatever this run created (files drop their own; a crashed file leaves one behind). */
export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: TEST_ADMIN_URL });
  await admin.connect();
  try {
    const rows = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`forum_test_${testRunId()}_%`]);
    for (const { datname } of rows.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
