import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

const MIGRATION_LOCK = 72_010_001;

/**
 * Applies pending migrations. Several processes may start at once (N api, N worker):
 * a Postgres advisory lock makes the second wait instead of racing the first.
 */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, { extra: { max: 2 } }));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}

export interface RevertPlan {
  /** the migration that would be reverted, null when none is applied */
  name: string | null;
  /** what its down would destroy: "drops table delivery (12 rows)", "deletes rows from agenda_paper" */
  dataLoss: string[];
}

const DESTRUCTIVE = /(DROP\s+TABLE|DROP\s+COLUMN|DELETE\s+FROM|TRUNCATE)\s+(?:IF\s+EXISTS\s+)?(?:TABLE\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?/gi;

/** What reverting the last applied migration would do, read from its `down` (each statement that destroys data, with row counts). */
async function planRevert(dataSource: DataSource): Promise<RevertPlan> {
  const [last] = await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
  if (!last) return { name: null, dataLoss: [] };
  const migration = dataSource.migrations.find((m) => (m.name ?? m.constructor.name) === last.name);
  if (!migration) throw new Error(`The last applied migration ${last.name} is not in this code base`);
  const source = migration.down.toString();
  const dataLoss: string[] = [];
  for (const match of source.matchAll(DESTRUCTIVE)) {
    const verb = match[1].replace(/\s+/g, ' ').toUpperCase();
    const table = match[2];
    const column = verb === 'DROP COLUMN';
    const target = column ? await tableOfColumnDrop(source, match.index ?? 0) : table;
    const rows = target
      ? await dataSource
          .query(`SELECT COUNT(*)::int AS n FROM "${target}"`)
          .then((r) => r[0].n as number)
          .catch(() => null)
      : null;
    const counted = rows === null ? '' : ` (${rows} row${rows === 1 ? '' : 's'})`;
    if (verb === 'DROP TABLE') dataLoss.push(`drops table ${table}${counted}`);
    else if (column) dataLoss.push(`drops column ${table}${target ? ` of ${target}` : ''}${counted}`);
    else dataLoss.push(`deletes rows from ${table}${counted}`);
  }
  return { name: last.name, dataLoss };
}

async function tableOfColumnDrop(source: string, at: number): Promise<string | null> {
  const before = source.slice(0, at);
  const alter = [...before.matchAll(/ALTER\s+TABLE\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/gi)].pop();
  return alter?.[1] ?? null;
}

/**
 * `npm run migrate:revert`: reverts the last applied migration. When its `down` would destroy data it
 * refuses unless `confirmed` (the `--yes` flag), and says what would be lost either way.
 */
export async function revertLastMigration(databaseUrl: string, confirmed: boolean, warn: (line: string) => void): Promise<RevertPlan & { reverted: boolean }> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, { extra: { max: 2 } }));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const plan = await planRevert(dataSource);
    if (!plan.name) return { ...plan, reverted: false };
    if (plan.dataLoss.length) {
      warn(`WARNING: reverting ${plan.name} destroys data: ${plan.dataLoss.join('; ')}.`);
      if (!confirmed) {
        warn('Nothing was reverted. Run `npm run migrate:revert -- --yes` to revert it anyway (take a backup first).');
        return { ...plan, reverted: false };
      }
    }
    await dataSource.undoLastMigration({ transaction: 'each' });
    return { ...plan, reverted: true };
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
