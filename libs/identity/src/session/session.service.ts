import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { FORUM_CONFIG, ForumConfig, unauthenticated } from '@forum/core';
import type { UserView } from '@forum/contracts';
import { AccessTokenService } from '../access-token.service';
import type { User } from '../user.entity';
import { UserRepository } from '../user.repository';
import { toUserView } from '../user.view';
import { Session } from './session.entity';
import { SessionRevocations } from './session-revocations';

/** Where a sign-in came from, kept on the session for the user's list of sessions. */
export interface SessionMeta {
  userAgent?: string | null;
  address?: string | null;
}

export interface SignedIn {
  accessToken: string;
  /** goes in the HttpOnly session cookie, never in a response body */
  refreshToken: string;
  user: UserView;
  sessionId: string;
}

/** two tabs refreshing with the same cookie at once: the second, within this, is not a reuse */
const ROTATION_GRACE_MS = 15_000;

export type RevocationReason = 'logout' | 'logout_everywhere' | 'password_reset' | 'deactivated' | 'role_changed' | 'refresh_reuse';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const sameHash = (a: string, b: string | null) => b !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Server-side sessions. Every sign-in path (password, invitation, single sign-on, two-step) calls start();
 * the refresh token rotates on each refresh, and an old one presented again (a stolen copy) ends the session.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger('Sessions');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly tokens: AccessTokenService,
    private readonly users: UserRepository,
    private readonly revocations: SessionRevocations,
  ) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(Session);
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.config.sessionTtlSeconds * 1000);
  }

  async start(user: User, meta: SessionMeta = {}, em?: EntityManager): Promise<SignedIn> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.repo(em).insert({
      id,
      userId: user.id,
      refreshHash: sha256(secret),
      previousRefreshHash: null,
      rotatedAt: null,
      lastUsedAt: now,
      expiresAt: this.expiry(now),
      revokedAt: null,
      revokedReason: null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      address: meta.address?.slice(0, 64) ?? null,
    });
    return { accessToken: this.accessTokenFor(user, id), refreshToken: `${id}.${secret}`, user: toUserView(user), sessionId: id };
  }

  /** A new access token and a new refresh token; `refreshToken` is null when the old one stays (grace). */
  async refresh(presented: string | undefined | null): Promise<Omit<SignedIn, 'refreshToken'> & { refreshToken: string | null }> {
    const [id, secret] = (presented ?? '').split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/i.test(id)) throw unauthenticated('No valid session: sign in again');
    const outcome = await this.dataSource.transaction(async (em) => {
      const session = await this.repo(em).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const now = new Date();
      if (!session || session.revokedAt || session.expiresAt <= now) return { kind: 'refused' as const };
      const hash = sha256(secret);
      if (!sameHash(hash, session.refreshHash)) {
        const withinGrace = sameHash(hash, session.previousRefreshHash) && session.rotatedAt && now.getTime() - session.rotatedAt.getTime() < ROTATION_GRACE_MS;
        if (withinGrace) return { kind: 'grace' as const, session };
        await this.repo(em).update({ id }, { revokedAt: now, revokedReason: 'refresh_reuse' });
        return { kind: 'reused' as const, session };
      }
      const next = randomBytes(32).toString('base64url');
      await this.repo(em).update(
        { id },
        { refreshHash: sha256(next), previousRefreshHash: session.refreshHash, rotatedAt: now, lastUsedAt: now, expiresAt: this.expiry(now) },
      );
      return { kind: 'rotated' as const, session, refreshToken: `${id}.${next}` };
    });
    if (outcome.kind === 'refused') throw unauthenticated('The session has ended: sign in again');
    if (outcome.kind === 'reused') {
      this.logger.warn(`Refresh token reused for session ${id} of user ${outcome.session.userId}: session revoked`);
      await this.revocations.announce({ kind: 'session', sessionId: id, userId: outcome.session.userId });
      throw unauthenticated('The session has ended: sign in again');
    }
    const user = await this.users.findById(outcome.session.userId);
    if (!user || !user.active) throw unauthenticated('The account is no longer active');
    return {
      accessToken: this.accessTokenFor(user, id),
      refreshToken: outcome.kind === 'rotated' ? outcome.refreshToken : null,
      user: toUserView(user),
      sessionId: id,
    };
  }

  /** The session id a refresh token names (logout with the cookie only). */
  sessionIdOf(refreshToken: string | undefined | null): string | null {
    const id = (refreshToken ?? '').split('.')[0];
    return id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
  }

  /** The user of a live session whose current refresh token this is, else null. */
  async ownerOf(refreshToken: string | null): Promise<string | null> {
    const [id, secret] = (refreshToken ?? '').split('.');
    if (!id || !secret || !this.sessionIdOf(refreshToken)) return null;
    const session = await this.repo().findOneBy({ id });
    if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
    const hash = sha256(secret);
    return sameHash(hash, session.refreshHash) || sameHash(hash, session.previousRefreshHash) ? session.userId : null;
  }

  async end(sessionId: string, reason: RevocationReason = 'logout'): Promise<void> {
    const session = await this.repo().findOneBy({ id: sessionId });
    if (!session) return;
    await this.repo().update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
    await this.revocations.announce({ kind: 'session', sessionId, userId: session.userId });
  }

  /** Ends every session of the user inside the caller's transaction; call announceUser() once it committed. */
  async revokeAllFor(userId: string, reason: RevocationReason, em?: EntityManager): Promise<void> {
    await this.repo(em).update({ userId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  /** Every cache and every socket of the user, on every instance, forgets the sessions at once. */
  async announceUser(userId: string, reason: RevocationReason): Promise<void> {
    await this.revocations.announce({ kind: 'user', userId, reason });
  }

  async endAllFor(userId: string, reason: RevocationReason): Promise<void> {
    await this.revokeAllFor(userId, reason);
    await this.announceUser(userId, reason);
  }

  private accessTokenFor(user: User, sessionId: string): string {
    return this.tokens.issue({ userId: user.id, email: user.email, role: user.role, governmentId: user.governmentId, locale: user.locale, sessionId });
  }
}
