import { loadConfig, migrateDatabase } from '@forum/core';

/** `npm run migrate` and the tests' global setup: applies pending migrations to DATABASE_URL. */
Promise.resolve()
  .then(() => migrateDatabase(loadConfig().databaseUrl))
  .then((applied) => {
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
