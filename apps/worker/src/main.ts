import { ConfigError, loadConfig, migrateDatabase } from '@forum/core';
import { RedisPolicyError } from './redis-policy';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  await createWorker(config);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof RedisPolicyError ? error.message : error);
  process.exit(1);
});
