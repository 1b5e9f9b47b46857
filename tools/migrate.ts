import { loadConfig, migrateDatabase, revertLastMigration } from '@forum/core';

/**
 * `npm run migrate` and the tests' global setup: applies pending migrations to DATABASE_URL.
 * `npm run migrate:revert [-- --yes]` (this script with `revert`): reverts the last one, warning first
 * when its down would destroy data (and doing nothing then without --yes).
 */
const [command, ...flags] = process.argv.slice(2);

// the configuration is read inside the chain, so a bad value is one sentence, not a stack trace
const run = Promise.resolve().then(() =>
  command === 'revert'
    ? revertLastMigration(loadConfig().databaseUrl, flags.includes('--yes'), (line) => console.warn(line)).then((result) => {
        if (!result.name) console.log('No migration is applied: nothing to revert.');
        else if (result.reverted) console.log(`Reverted migration: ${result.name}`);
        else process.exitCode = 3;
      })
    : migrateDatabase(loadConfig().databaseUrl).then((applied) => {
        if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
      }),
);

run.catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
