import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller, EventRecorder, forbidden, invalid, notFound, unauthenticated } from '@forum/core';
import { MfaService } from './mfa/mfa.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password';
import { SessionMeta, SessionService, SignedIn } from './session/session.service';
import { LoginDto, UpdateOwnAccountDto, UserView } from './user.dto';
import { UserRepository } from './user.repository';
import { toUserView } from './user.view';

/** A login whose password was right but that needs the second step (or an enrolment) first. */
export type MfaChallenge = { mfaRequired: true; mfaToken: string } | { mfaEnrolmentRequired: true; mfaToken: string };

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly events: EventRecorder,
    private readonly mfa: MfaService,
    private readonly passwords: PasswordHasher,
  ) {}

  /** `device`: the id of this browser's valid device cookie for the email, if it has one (see LoginThrottle). */
  async login(dto: LoginDto, meta: SessionMeta & { address: string }, device: string | null): Promise<SignedIn | MfaChallenge> {
    const email = dto.email.trim().toLowerCase();
    await this.throttle.attempt(email, meta.address, device);
    const user = await this.users.findByEmail(email);
    const ok = await this.passwords.verify(user?.passwordHash ?? null, dto.password);
    // One message for a wrong email and a wrong password: the login form must not reveal who has an account.
    if (!user || !ok || !user.active) {
      this.throttle.failed(email, meta.address);
      throw unauthenticated('Email or password is incorrect');
    }
    await this.throttle.succeeded(email, meta.address, device);
    if (user.governmentId && !(await this.passwordLoginAllowed(user.governmentId))) {
      throw forbidden('Your government signs you in with its own account: use "Sign in with your government\'s account"');
    }
    if (await this.mfa.isEnabled(user.id)) return { mfaRequired: true, mfaToken: this.mfa.issueToken(user.id, 'login') };
    if (this.mfa.enrolmentRequired(user)) return { mfaEnrolmentRequired: true, mfaToken: this.mfa.issueToken(user.id, 'enrol') };
    return this.sessions.start(user, meta);
  }

  /** false when the government's identity provider says `passwordLogin: false` */
  private async passwordLoginAllowed(governmentId: string): Promise<boolean> {
    const rows: { password_login: boolean }[] = await this.dataSource.query(`SELECT password_login FROM identity_provider WHERE government_id = $1`, [
      governmentId,
    ]);
    return rows[0]?.password_login ?? true;
  }

  async me(userId: string): Promise<UserView> {
    const user = await this.users.findById(userId);
    if (!user) throw unauthenticated();
    return toUserView(user);
  }

  /** PATCH /users/me: a person's own name, language and zone; never role, government or email. */
  async updateMe(caller: Caller, dto: UpdateOwnAccountDto): Promise<UserView> {
    if (dto.timeZone !== undefined && dto.timeZone !== null && !isTimeZone(dto.timeZone))
      throw invalid(['timeZone must be an IANA time zone, e.g. America/Toronto']);
    return this.dataSource.transaction(async (em) => {
      const user = await this.users.findById(caller.userId, em);
      if (!user) throw notFound('User');
      const changes = {
        ...(dto.displayName !== undefined && { displayName: dto.displayName.trim() }),
        ...(dto.locale !== undefined && { locale: dto.locale }),
        ...(dto.timeZone !== undefined && { timeZone: dto.timeZone }),
      };
      if (Object.keys(changes).length) {
        await this.users.update(user.id, changes, em);
        await this.events.record(em, {
          actorUserId: caller.userId,
          action: 'user.updated',
          entityType: 'user',
          entityId: user.id,
          changes: { before: { displayName: user.displayName, locale: user.locale, timeZone: user.timeZone }, after: changes },
        });
      }
      return toUserView({ ...user, ...changes });
    });
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
