import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The Postgres channel on which a transaction that changes what the public sees (a publication, an embargo
 * lifted, a correction proposed or published, a withdrawal) says so. NOTIFY is delivered on commit only, to every
 * API instance listening (PublicResponseCache), so a cached public page is dropped everywhere at once.
 */
export const PUBLIC_COMMUNIQUES_CHANNEL = 'forum_public_communiques';

/**
 * How a service says "the public portal changed": `inTransaction(em, ids)` inside the transaction that changes it
 * (the NOTIFY every instance hears on commit), then `committed()` once that transaction has committed, so the
 * cache of this very process is dropped before the caller gets its answer (its own NOTIFY may arrive a moment
 * after the reply). Shared by the api and the worker (embargoes); the worker simply has no cache to drop.
 */
@Injectable()
export class PublicPortalChanges {
  private readonly listeners = new Set<() => void>();

  async inTransaction(em: EntityManager, communiqueIds: string[]): Promise<void> {
    if (!communiqueIds.length) return;
    // The payload is informative only (the cache is cleared whole); NOTIFY payloads stop at 8000 bytes.
    await em.query(`SELECT pg_notify($1, $2)`, [PUBLIC_COMMUNIQUES_CHANNEL, communiqueIds.join(',').slice(0, 7000)]);
  }

  committed(): void {
    for (const listener of this.listeners) listener();
  }

  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
