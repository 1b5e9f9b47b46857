import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { generateSecret, generateURI, verify } from 'otplib';
import * as QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { conflict, EventRecorder, FORUM_CONFIG, ForumConfig, invalidBecause, openSecret, sealSecret, unauthenticated } from '@forum/core';
import { CommonReason, IdentityReason } from '@forum/contracts';
import type { User } from '../user.entity';
import { UserRepository } from '../user.repository';
import { MfaAttemptLimiter } from './attempt-limiter';
import { UserMfa } from './user-mfa.entity';

export type MfaPurpose = 'login' | 'enrol';
interface MfaClaims {
  typ: 'mfa';
  purpose: MfaPurpose;
  sub: string;
}

const MFA_TOKEN_SECONDS = 5 * 60;
const RECOVERY_CODES = 10;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** recovery codes are typed by people: case and dashes do not matter */
const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Two-step sign-in with TOTP (RFC 6238, otplib). The secret is sealed at rest; an accepted code's time step is
 * stored so the same code (or an older one) is never accepted again; guesses are limited per account in Redis.
 */
@Injectable()
export class MfaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly jwt: JwtService,
    private readonly users: UserRepository,
    private readonly limiter: MfaAttemptLimiter,
    private readonly events: EventRecorder,
  ) {}

  private repo() {
    return this.dataSource.getRepository(UserMfa);
  }

  async isEnabled(userId: string): Promise<boolean> {
    const row = await this.repo().findOneBy({ userId });
    return !!row?.enabledAt;
  }

  /** true when this account must enrol before it may sign in (FORUM_REQUIRE_MFA=secretariat). */
  enrolmentRequired(user: User): boolean {
    return this.config.requireMfa === 'secretariat' && user.role === 'secretariat';
  }

  /** The 5-minute token between the password and the code; never a bearer token (it has no session). */
  issueToken(userId: string, purpose: MfaPurpose): string {
    const claims: MfaClaims = { typ: 'mfa', purpose, sub: userId };
    return this.jwt.sign(claims, { expiresIn: MFA_TOKEN_SECONDS });
  }

  /** The user an mfaToken of this purpose names, or 401. */
  async userOfToken(token: string, purpose: MfaPurpose): Promise<User> {
    let claims: MfaClaims;
    try {
      claims = this.jwt.verify<MfaClaims>(token);
    } catch {
      throw unauthenticated('The sign-in step has expired: sign in again');
    }
    if (claims.typ !== 'mfa' || claims.purpose !== purpose || typeof claims.sub !== 'string')
      throw unauthenticated('The sign-in step has expired: sign in again');
    const user = await this.users.findById(claims.sub);
    if (!user || !user.active) throw unauthenticated('The account is no longer active');
    return user;
  }

  /** A new secret (replacing an enrolment in progress); refused once two-step sign-in is on. */
  async enrol(user: User): Promise<{ secret: string; otpauthUrl: string; qrCodeDataUrl: string }> {
    const existing = await this.repo().findOneBy({ userId: user.id });
    if (existing?.enabledAt) throw conflict(CommonReason.Duplicate, 'Two-step sign-in is already on for this account');
    const secret = generateSecret();
    await this.repo().upsert(
      { userId: user.id, secretSealed: sealSecret(this.config.secretsKey, secret), enabledAt: null, lastTimeStep: null, recoveryHashes: [] },
      ['userId'],
    );
    const otpauthUrl = generateURI({ issuer: 'Forum', label: user.email, secret });
    return { secret, otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl) };
  }

  /** The first code switches two-step sign-in on and answers the recovery codes (shown this once, kept hashed). */
  async confirm(user: User, code: string): Promise<{ recoveryCodes: string[] }> {
    const row = await this.repo().findOneBy({ userId: user.id });
    if (!row) throw invalidBecause(IdentityReason.InvalidCode, 'Start the enrolment first (POST /auth/mfa/enrol)');
    if (row.enabledAt) throw conflict(CommonReason.Duplicate, 'Two-step sign-in is already on for this account');
    await this.limiter.attempt(user.id);
    const step = await this.check(row, code);
    if (step === null) throw invalidBecause(IdentityReason.InvalidCode, 'The code is not valid');
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = randomBytes(5).toString('hex');
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await this.dataSource.transaction(async (em) => {
      await em
        .getRepository(UserMfa)
        .update(
          { userId: user.id },
          { enabledAt: new Date(), lastTimeStep: String(step), recoveryHashes: recoveryCodes.map((c) => sha256(normaliseRecovery(c))) },
        );
      await this.events.record(em, { actorUserId: user.id, action: 'user.mfa_enabled', entityType: 'user', entityId: user.id });
    });
    await this.limiter.succeeded(user.id);
    return { recoveryCodes };
  }

  /** The second step: a TOTP code accepted once, or an unused recovery code (then used up). 400 `invalid_code`, 429 after repeated guesses. */
  async secondFactor(user: User, code: string): Promise<void> {
    await this.limiter.attempt(user.id);
    const row = await this.repo().findOneBy({ userId: user.id });
    if (!row?.enabledAt) throw unauthenticated('Two-step sign-in is not on for this account');
    const trimmed = code.trim();
    if (/^\d{6}$/.test(trimmed)) {
      const step = await this.check(row, trimmed);
      // Compare-and-set: two requests with the same code at once, only one wins.
      const taken =
        step !== null &&
        (
          await this.dataSource.query(
            `UPDATE user_mfa SET last_time_step = $2 WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2) RETURNING user_id`,
            [user.id, step],
          )
        )[0]?.length;
      if (!taken) throw invalidBecause(IdentityReason.InvalidCode, 'The code is not valid or was already used');
    } else {
      const hash = sha256(normaliseRecovery(trimmed));
      const used = await this.dataSource.query(
        `UPDATE user_mfa SET recovery_hashes = recovery_hashes - $2::text WHERE user_id = $1 AND recovery_hashes ? $2::text RETURNING user_id`,
        [user.id, hash],
      );
      if (!used[0]?.length) throw invalidBecause(IdentityReason.InvalidCode, 'The code is not valid or was already used');
    }
    await this.limiter.succeeded(user.id);
  }

  /** The time step of a valid code newer than the last accepted one, else null (one step of clock drift either way). */
  private async check(row: UserMfa, code: string): Promise<number | null> {
    if (!/^\d{6}$/.test(code.trim())) return null;
    const secret = openSecret(this.config.secretsKey, row.secretSealed);
    const result = await verify({
      secret,
      token: code.trim(),
      epochTolerance: 30,
      ...(row.lastTimeStep !== null && { afterTimeStep: Number(row.lastTimeStep) }),
    });
    return result.valid ? (result as unknown as { timeStep: number }).timeStep : null;
  }
}
