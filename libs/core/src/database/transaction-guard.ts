import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import { EntityManager, type QueryRunner } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * No second pool connection inside a transaction, by construction.
 *
 * A transaction that holds a row lock and then asks the pool for another connection can wedge the
 * whole pool: the other connections wait on the lock, the transaction waits on a free connection.
 * While a `transaction(cb)` callback runs, the async context remembers the transaction's query runner;
 * a query issued on any other query runner from that context is the mistake. In tests it throws (the
 * test that exercises the path fails); elsewhere it is logged once per call site.
 */
export type TransactionGuardMode = 'throw' | 'warn' | 'off';

interface HeldTransaction {
  runner: QueryRunner;
  open: boolean;
}

const held = new AsyncLocalStorage<HeldTransaction>();
let mode: TransactionGuardMode = 'off';
let installed = false;
const warned = new Set<string>();
const logger = new Logger('TransactionGuard');

export class SecondConnectionInTransactionError extends Error {
  constructor(sql: string) {
    super(`A query ran on a second pool connection while this async context holds a transaction (pass the transaction's EntityManager): ${sql.slice(0, 160)}`);
    this.name = 'SecondConnectionInTransactionError';
  }
}

export function installTransactionGuard(next: TransactionGuardMode): void {
  mode = next;
  if (installed || next === 'off') return;
  installed = true;

  const transaction = EntityManager.prototype.transaction as (this: EntityManager, ...args: unknown[]) => Promise<unknown>;
  EntityManager.prototype.transaction = function guardedTransaction(this: EntityManager, ...args: unknown[]) {
    const index = typeof args[0] === 'function' ? 0 : 1;
    const run = args[index] as ((em: EntityManager) => Promise<unknown>) | undefined;
    if (typeof run === 'function' && !this.queryRunner) {
      args[index] = (em: EntityManager) => {
        const store: HeldTransaction = { runner: em.queryRunner!, open: true };
        return held.run(store, async () => {
          try {
            return await run(em);
          } finally {
            store.open = false;
          }
        });
      };
    }
    return transaction.apply(this, args);
  } as typeof EntityManager.prototype.transaction;

  const query = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = function guardedQuery(this: PostgresQueryRunner, ...args: Parameters<typeof query>) {
    const store = held.getStore();
    if (store?.open && store.runner !== this && mode !== 'off') {
      const error = new SecondConnectionInTransactionError(String(args[0]));
      if (mode === 'throw') return Promise.reject(error);
      const site = error.stack?.split('\n').slice(2, 6).join('\n') ?? '';
      if (!warned.has(site)) {
        warned.add(site);
        logger.warn(`${error.message}\n${site}`);
      }
    }
    return query.apply(this, args);
  } as typeof query;
}

/** Runs `work` outside any held transaction (for the rare deliberate use of another connection, e.g. a lock-free read for a response after commit). */
export function outsideTransaction<T>(work: () => T): T {
  return held.exit(work);
}
