import { ConfigError, loadConfig, migrateDatabase } from '@forum/core';
import { startApi } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  await startApi(config);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
