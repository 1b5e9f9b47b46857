import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { databaseUrl, templateDatabase, TEST_ADMIN_URL, TEST_REDIS_URL } from './test-env';

/**
 * Migrates one template database per run; every test file clones it (CREATE DATABASE … TEMPLATE …),
 * which takes milliseconds and isolates the files from each other.
 */
export default async function globalSetup(): Promise<void> {
  process.env.FORUM_TEST_RUN = randomBytes(4).toString('hex');
  // one random JWT secret per run, shared by the test processes and the worker processes they start
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.FORUM_SECRETS_KEY ??= randomBytes(32).toString('hex');
  const admin = new Client({ connectionString: TEST_ADMIN_URL });
  await admin.connect().catch((error: Error) => {
    throw new Error(`The tests need PostgreSQL at ${TEST_ADMIN_URL}: ${error.message}`);
  });
  await admin.query(`CREATE DATABASE "${templateDatabase()}"`);
  await admin.end();
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, ['-r', '@swc-node/register', join(root, 'tools', 'migrate.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl(templateDatabase()), SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
    stdio: 'inherit',
  });

  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect().catch((error: Error) => {
    throw new Error(`The tests need Redis at ${TEST_REDIS_URL}: ${error.message}`);
  });
  await redis.quit();
}
