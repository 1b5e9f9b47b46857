import { Injectable } from '@nestjs/common';
import { unauthenticated } from '@forum/core';
import { AccessTokenService } from './access-token.service';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './password';
import type { SessionView, UserView } from '@forum/contracts';
import { LoginDto } from './user.dto';
import { UserRepository } from './user.repository';
import { toUserView } from './user.view';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: AccessTokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(dto: LoginDto, address: string): Promise<SessionView> {
    const email = dto.email.trim().toLowerCase();
    await this.throttle.check(email, address);
    const user = await this.users.findByEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? null, dto.password);
    // One message for a wrong email and a wrong password: the login form must not reveal who has an account.
    if (!user || !ok || !user.active) {
      await this.throttle.failed(email, address);
      throw unauthenticated('Email or password is incorrect');
    }
    await this.throttle.succeeded(email, address);
    const accessToken = this.tokens.issue({ userId: user.id, email: user.email, role: user.role, governmentId: user.governmentId, locale: user.locale });
    return { accessToken, user: toUserView(user) };
  }

  async me(userId: string): Promise<UserView> {
    const user = await this.users.findById(userId);
    if (!user) throw unauthenticated();
    return toUserView(user);
  }
}
