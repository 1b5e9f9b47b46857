import { Client } from 'pg';
import Redis from 'ioredis';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { databaseUrl, TEMPLATE_DATABASE, TEST_ADMIN_URL, TEST_REDIS_URL } from './test-env';

/**
 * Migrates one template database; every test file clones it (CREATE DATABASE … TEMPLATE …),
 * which takes milliseconds and isolates the files from each other.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: TEST_ADMIN_URL });
  await admin.connect().catch((error: Error) => {
    throw new Error(`The tests need PostgreSQL at ${TEST_ADMIN_URL}: ${error.message}`);
  });
  const stale = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'forum_test_%'`);
  for (const { datname } of stale.rows) {
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  await admin.end();
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, ['-r', '@swc-node/register', join(root, 'tools', 'migrate.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DATABASE), SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
    stdio: 'inherit',
  });

  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect().catch((error: Error) => {
    throw new Error(`The tests need Redis at ${TEST_REDIS_URL}: ${error.message}`);
  });
  await redis.quit();
}
