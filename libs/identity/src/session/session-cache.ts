import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Caller } from '@forum/core';
import type { Locale, UserRole } from '@forum/contracts';
import { SessionRevocations } from './session-revocations';

interface Entry {
  caller: Caller | null;
  userId: string | null;
  until: number;
}

/** a valid session is re-read from Postgres at most this often, even if a revocation message were lost */
const TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Per-request session validity without a database round trip: sessions are cached in memory, and every
 * revocation (logout, deactivation, password reset, role change) drops them on every instance at once
 * through SessionRevocations. A lookup that raced a revocation is not cached (generation counter), and while
 * the revocation channel is down nothing is: the cache is emptied when it drops.
 */
@Injectable()
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly revocations: SessionRevocations,
  ) {
    revocations.onDeaf(() => {
      this.generation++;
      this.entries.clear();
    });
    revocations.onRevoked((revocation) => {
      this.generation++;
      if (revocation.kind === 'session') this.entries.delete(revocation.sessionId);
      else for (const [sid, entry] of this.entries) if (entry.userId === revocation.userId) this.entries.delete(sid);
    });
  }

  /** The caller of a live session of an active account, or null. */
  async lookup(sessionId: string): Promise<Caller | null> {
    if (!UUID.test(sessionId)) return null;
    const now = Date.now();
    const cached = this.entries.get(sessionId);
    if (cached && cached.until > now) return cached.caller;
    const generation = this.generation;
    const rows: {
      id: string;
      email: string;
      role: UserRole;
      government_id: string | null;
      locale: Locale;
      active: boolean;
      revoked_at: Date | null;
      expires_at: Date;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.role, u.government_id, u.locale, u.active, s.revoked_at, s.expires_at
           FROM session s JOIN user_account u ON u.id = s.user_id WHERE s.id = $1`,
      [sessionId],
    );
    const row = rows[0];
    const live = row && row.active && !row.revoked_at && row.expires_at.getTime() > now;
    const caller: Caller | null = live
      ? { userId: row.id, email: row.email, role: row.role, governmentId: row.government_id, locale: row.locale, sessionId }
      : null;
    // Unheard revocations (Redis away) would leave a revoked session cached: read Postgres every time then.
    if (generation === this.generation && this.revocations.listening) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      const until = live ? Math.min(now + TTL_MS, row.expires_at.getTime()) : now + TTL_MS;
      this.entries.set(sessionId, { caller, userId: row?.id ?? null, until });
    }
    return caller;
  }
}
