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
/** How long after its last NOTIFY a backend of this process's pool counts as ours (far shorter than any pid reuse). */
const OWN_BACKEND_MS = 60_000;

@Injectable()
export class PublicPortalChanges {
  private readonly listeners = new Set<() => void>();
  /** backend pid → when one of this process's transactions last NOTIFYed from it */
  private readonly ownBackends = new Map<number, number>();

  async inTransaction(em: EntityManager, communiqueIds: string[]): Promise<void> {
    if (!communiqueIds.length) return;
    // The payload is informative only (the cache is cleared whole); NOTIFY payloads stop at 8000 bytes.
    const rows: { pid: number }[] = await em.query(`SELECT pg_notify($1, $2), pg_backend_pid() AS pid`, [
      PUBLIC_COMMUNIQUES_CHANNEL,
      communiqueIds.join(',').slice(0, 7000),
    ]);
    const now = Date.now();
    if (rows[0]?.pid) this.ownBackends.set(Number(rows[0].pid), now);
    for (const [pid, at] of this.ownBackends) if (now - at > OWN_BACKEND_MS) this.ownBackends.delete(pid);
  }

  /**
   * Whether a notification came from a transaction of this process: `committed()` has dropped (or is about to
   * drop) this process's cache for it already, so hearing it again would only throw away answers built since.
   */
  isOwnNotification(processId: number): boolean {
    const at = this.ownBackends.get(processId);
    return at !== undefined && Date.now() - at <= OWN_BACKEND_MS;
  }

  committed(): void {
    for (const listener of this.listeners) listener();
  }

  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
