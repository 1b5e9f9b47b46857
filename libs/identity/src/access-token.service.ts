import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Caller, unauthenticated } from '@forum/core';
import type { UserRole } from '@forum/contracts';
import { UserRepository } from './user.repository';

interface AccessTokenClaims {
  sub: string;
  email: string;
  role: UserRole;
  gov: string | null;
}

/** Issues and checks access tokens; the HTTP guard and the socket.io handshake both call verify(). */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UserRepository,
  ) {}

  issue(caller: Caller): string {
    const claims: AccessTokenClaims = { sub: caller.userId, email: caller.email, role: caller.role, gov: caller.governmentId };
    return this.jwt.sign(claims);
  }

  /** Checks signature and expiry, then that the account still exists and is active. */
  async verify(token: string | undefined | null): Promise<Caller> {
    if (!token) throw unauthenticated();
    let claims: AccessTokenClaims;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token);
    } catch {
      throw unauthenticated('The access token is invalid or has expired');
    }
    const user = await this.users.findById(claims.sub);
    if (!user || !user.active) throw unauthenticated('The account behind this token is no longer active');
    return { userId: user.id, email: user.email, role: user.role, governmentId: user.governmentId, locale: user.locale };
  }
}
