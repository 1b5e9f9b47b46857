import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

const LIBS = join(__dirname, '..', '..', '..');

/** The one description of the database used by the app, the worker, the migration CLI and the tests. */
export function dataSourceOptions(databaseUrl: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(LIBS, '*/src/**/*.entity.{ts,js}')],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: ['error'],
    extra: { max: 10, application_name: 'forum' },
    ...overrides,
  } as DataSourceOptions;
}

export interface PoolLimits {
  poolSize: number;
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/** The pool options that keep one stuck transaction from freezing an instance: every wait has an end. */
export function poolExtra(limits: PoolLimits): Record<string, unknown> {
  return {
    max: limits.poolSize,
    application_name: 'forum',
    // pg-pool: how long connect() waits for a free client (or a new connection) before it fails
    connectionTimeoutMillis: limits.acquireTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
  };
}
