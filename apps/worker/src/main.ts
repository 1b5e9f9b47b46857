import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, migrateDatabase } from '@forum/core';
import { RedisPolicyError } from './redis-policy';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  await createWorker(config);
  // The container's HEALTHCHECK reads this file's age: a worker whose event loop stalls goes unhealthy.
  const heartbeat = () => writeFileSync(join(tmpdir(), 'forum-worker-heartbeat'), String(Date.now()));
  heartbeat();
  setInterval(heartbeat, 10_000).unref();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof RedisPolicyError ? error.message : error);
  process.exit(1);
});
