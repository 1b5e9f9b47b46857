import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, conflict, EventRecorder, FORUM_CONFIG, ForumConfig, forbidden, invalid, isSecretariat, REDIS } from '@forum/core';
import type Redis from 'ioredis';
import { CommonReason, type DomainEvent, type InvitedAccountView, type JobIntent, QUEUES } from '@forum/contracts';
import { GovernmentRepository } from '@forum/governments';
import { PasswordHasher, SessionMeta, SessionService, SignedIn, toUserView, User, UserRepository } from '@forum/identity';
import type { AccountTokenPurpose } from './account-token.entity';
import { ACCOUNT_TOKEN_TTL_MS, accountTokenFor, hashAccountToken } from './account-token';
import { InviteUserDto } from './notification.dto';
import { AccountTokenRepository } from './notification.repository';

/** The email job the relay adds once the token is committed; the email worker writes and sends it. */
export const ACCOUNT_EMAIL_JOB = 'account-email';
export interface AccountEmailJob {
  tokenId: string;
}

const INVALID_TOKEN = 'token is invalid, already used or expired';

/** Invitations and password resets: one-time, expiring links, sent through the outbox and the email queue. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly users: UserRepository,
    private readonly governments: GovernmentRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly sessions: SessionService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly events: EventRecorder,
    private readonly passwords: PasswordHasher,
  ) {}

  async invite(caller: Caller, dto: InviteUserDto): Promise<InvitedAccountView> {
    if (!isSecretariat(caller)) throw forbidden('Only the secretariat invites people');
    if (dto.role === 'official' && !dto.governmentId) throw invalid(['governmentId is required for an official']);
    if (dto.role === 'secretariat' && dto.governmentId) throw invalid(['governmentId must be empty for a secretariat account']);
    return this.dataSource.transaction(async (em) => {
      if (dto.governmentId && !(await this.governments.findById(dto.governmentId, em))) {
        throw invalid(['governmentId does not name an existing government']);
      }
      const email = dto.email.trim().toLowerCase();
      if (await this.users.findByEmail(email, em)) throw conflict(CommonReason.Duplicate, `An account with email ${email} already exists`);
      // No password until the invited person chooses one through the link.
      const user = await this.users.insert(
        { email, displayName: dto.displayName.trim(), passwordHash: null, role: dto.role, governmentId: dto.governmentId ?? null, locale: dto.locale ?? 'en' },
        em,
      );
      const { expiresAt, event } = await this.issue(em, user, 'invitation');
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: 'user.invited',
          entityType: 'user',
          entityId: user.id,
          changes: { email, role: dto.role, governmentId: dto.governmentId ?? null },
        },
        [event],
      );
      return { ...toUserView(user), invitationExpiresAt: expiresAt.toISOString() };
    });
  }

  /** Same answer, same work visible to the caller, whether or not the email has an account. */
  async requestPasswordReset(email: string): Promise<void> {
    if (!(await this.resetAllowed(email))) return;
    const user = await this.users.findByEmail(email);
    if (!user || !user.active) return;
    await this.dataSource.transaction(async (em) => {
      const { event } = await this.issue(em, user, 'password_reset');
      await this.events.record(em, { actorUserId: null, action: 'user.password-reset-requested', entityType: 'user', entityId: user.id }, [event]);
    });
  }

  /** At most 3 reset emails an hour per address asked for, whoever asks: nobody floods a person's inbox. */
  private async resetAllowed(email: string): Promise<boolean> {
    const key = `${this.config.redisPrefix}:password-reset:${email.trim().toLowerCase()}`;
    try {
      const [[, count]] = (await this.redis.multi().incr(key).expire(key, 3600, 'NX').exec()) as [[Error | null, number]];
      return count <= 3;
    } catch {
      return true;
    }
  }

  /** A new password ends every session and socket of the account, on every instance. */
  async resetPassword(token: string, password: string): Promise<void> {
    const user = await this.useToken(token, 'password_reset', password);
    await this.sessions.announceUser(user.id, 'password_reset');
  }

  /** Sets the first password and signs the new user in (a session like any sign-in). */
  async acceptInvitation(token: string, password: string, meta: SessionMeta = {}): Promise<SignedIn> {
    const user = await this.useToken(token, 'invitation', password);
    return this.sessions.start(user, meta);
  }

  private async issue(em: EntityManager, user: User, purpose: AccountTokenPurpose) {
    const now = new Date();
    await this.tokens.retireOpen(user.id, purpose, now, em);
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MS[purpose]);
    await this.tokens.insert(
      { id, userId: user.id, purpose, tokenHash: hashAccountToken(accountTokenFor(this.config.jwtSecret, id)), expiresAt, usedAt: null },
      em,
    );
    const job: JobIntent = { queue: QUEUES.email, name: ACCOUNT_EMAIL_JOB, jobId: `account-${id}`, data: { tokenId: id } satisfies AccountEmailJob };
    const event: DomainEvent =
      purpose === 'invitation'
        ? { name: 'user.invited', payload: { userId: user.id }, audience: { kind: 'none' }, jobs: [job] }
        : { name: 'user.password-reset-requested', payload: { userId: user.id }, audience: { kind: 'none' }, jobs: [job] };
    return { expiresAt, event };
  }

  private async useToken(token: string, purpose: AccountTokenPurpose, password: string): Promise<User> {
    const passwordHash = await this.passwords.hash(password);
    return this.dataSource.transaction(async (em) => {
      const row = await this.tokens.findByHashForUpdate(hashAccountToken(token), em);
      const now = new Date();
      if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) throw invalid([INVALID_TOKEN]);
      const user = await this.users.findById(row.userId, em);
      if (!user || !user.active) throw invalid([INVALID_TOKEN]);
      await this.users.update(user.id, { passwordHash }, em);
      if (purpose === 'password_reset') await this.sessions.revokeAllFor(user.id, 'password_reset', em);
      await this.tokens.markUsed(row.id, now, em);
      // A password just chosen makes every other pending link of the account useless.
      await this.tokens.retireOpen(user.id, 'password_reset', now, em);
      await this.tokens.retireOpen(user.id, 'invitation', now, em);
      await this.events.record(em, {
        actorUserId: user.id,
        action: purpose === 'invitation' ? 'user.invitation-accepted' : 'user.password-reset',
        entityType: 'user',
        entityId: user.id,
      });
      this.logger.log(`${purpose === 'invitation' ? 'Invitation accepted' : 'Password reset'} for user ${user.id}`);
      return user;
    });
  }
}
