import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Caller, unauthenticated } from '@forum/core';
import type { UserRole } from '@forum/contracts';
import { SessionCache } from './session/session-cache';

export interface AccessTokenClaims {
  sub: string;
  /** the server-side session; a token whose session ended stops working at once */
  sid: string;
  email: string;
  role: UserRole;
  gov: string | null;
  exp?: number;
}

/** Issues and checks access tokens; the HTTP guard and the socket.io handshake both call verify(). */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionCache,
  ) {}

  /** Only SessionService calls this: every access token belongs to a session. */
  issue(caller: Caller & { sessionId: string }): string {
    const claims: AccessTokenClaims = { sub: caller.userId, sid: caller.sessionId, email: caller.email, role: caller.role, gov: caller.governmentId };
    return this.jwt.sign(claims);
  }

  /** Signature, an `exp` in the future, then that the session is live and the account active (cached, see SessionCache). */
  async verify(token: string | undefined | null): Promise<Caller & { expiresAt: number }> {
    if (!token) throw unauthenticated();
    let claims: AccessTokenClaims;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token);
    } catch {
      throw unauthenticated('The access token is invalid or has expired');
    }
    // jsonwebtoken accepts a token without exp: such a token would never expire, so it is refused.
    if (typeof claims.exp !== 'number' || typeof claims.sid !== 'string' || typeof claims.sub !== 'string') {
      throw unauthenticated('The access token is invalid or has expired');
    }
    const caller = await this.sessions.lookup(claims.sid);
    if (!caller || caller.userId !== claims.sub) throw unauthenticated('The session of this token has ended or the account is no longer active');
    return { ...caller, expiresAt: claims.exp * 1000 };
  }

  /** The caller of a live session, or null (socket.io recovery re-checks the session this way). */
  liveSession(sessionId: string): Promise<Caller | null> {
    return this.sessions.lookup(sessionId);
  }

  /** The subject of a well-signed, unexpired token, without any lookup (rate-limit keys). */
  peekSubject(token: string | null): string | null {
    if (!token) return null;
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token);
      return typeof claims.exp === 'number' ? claims.sub : null;
    } catch {
      return null;
    }
  }
}
