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

/** verified tokens kept at most (a few hundred bytes each); past that the least recently used is forgotten */
const MAX_VERIFIED = 10_000;

/** Issues and checks access tokens; the HTTP guard and the socket.io handshake both call verify(). */
@Injectable()
export class AccessTokenService {
  /**
   * Claims of tokens whose signature was checked, by the token's exact text (signature included), until their
   * exp. Only the HMAC is saved: the session and the account are still looked up on every call.
   */
  private readonly verified = new Map<string, AccessTokenClaims & { exp: number }>();

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
    const claims = this.claimsOf(token);
    if (!claims) throw unauthenticated('The access token is invalid or has expired');
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
    return token ? (this.claimsOf(token)?.sub ?? null) : null;
  }

  /** The claims of a well-signed token with an exp still ahead, a session id and a subject; else null. */
  private claimsOf(token: string): (AccessTokenClaims & { exp: number }) | null {
    const known = this.verified.get(token);
    // Until exp, as jsonwebtoken counts it (whole seconds); within the clock tolerance after it, verify decides.
    const second = Math.floor(Date.now() / 1000);
    if (known) {
      this.verified.delete(token);
      if (second < known.exp) {
        this.verified.set(token, known);
        return known;
      }
    }
    let claims: AccessTokenClaims;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token);
    } catch {
      return null;
    }
    // jsonwebtoken accepts a token without exp: such a token would never expire, so it is refused.
    if (typeof claims.exp !== 'number' || typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return null;
    if (second < claims.exp) {
      if (this.verified.size >= MAX_VERIFIED) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, claims as AccessTokenClaims & { exp: number });
    }
    return claims as AccessTokenClaims & { exp: number };
  }
}
