import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FORUM_CONFIG, ForumConfig, Public, unauthenticated } from '@forum/core';
import type { UserView } from '@forum/contracts';
import { bearerToken } from '../access-token.guard';
import { AccessTokenService } from '../access-token.service';
import { setSessionCookie } from '../session/session-cookie';
import { SessionService } from '../session/session.service';
import type { User } from '../user.entity';
import { UserRepository } from '../user.repository';
import { MfaEnrolDto, MfaLoginDto, MfaVerifyDto } from './mfa.dto';
import { MfaService } from './mfa.service';

/**
 * Two-step sign-in. Enrolment takes the bearer token of a signed-in user, or the `mfaToken` of a login that
 * answered `mfaEnrolmentRequired` (a secretariat account under FORUM_REQUIRE_MFA): these routes are public and
 * check one or the other themselves.
 */
@ApiTags('auth')
@Controller('auth/mfa')
export class MfaController {
  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly mfa: MfaService,
    private readonly tokens: AccessTokenService,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
  ) {}

  private async enrollingUser(request: FastifyRequest, mfaToken: string | undefined): Promise<{ user: User; viaToken: boolean }> {
    if (mfaToken) return { user: await this.mfa.userOfToken(mfaToken, 'enrol'), viaToken: true };
    const caller = await this.tokens.verify(bearerToken(request.headers.authorization));
    if (!caller.sessionId) throw unauthenticated('Only a person signs up for two-step sign-in');
    const user = await this.users.findById(caller.userId);
    if (!user) throw unauthenticated();
    return { user, viaToken: false };
  }

  @Public()
  @Post('enrol')
  @HttpCode(200)
  async enrol(@Body() dto: MfaEnrolDto, @Req() request: FastifyRequest): Promise<{ secret: string; otpauthUrl: string; qrCodeDataUrl: string }> {
    const { user } = await this.enrollingUser(request, dto.mfaToken);
    return this.mfa.enrol(user);
  }

  /** Switches two-step sign-in on; with an enrolment mfaToken, also signs in (access token and session cookie). */
  @Public()
  @Post('verify')
  @HttpCode(200)
  async verify(
    @Body() dto: MfaVerifyDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ recoveryCodes: string[]; accessToken?: string; user?: UserView }> {
    const { user, viaToken } = await this.enrollingUser(request, dto.mfaToken);
    const { recoveryCodes } = await this.mfa.confirm(user, dto.code);
    if (!viaToken) return { recoveryCodes };
    const signedIn = await this.sessions.start(user, { address: request.ip, userAgent: request.headers['user-agent'] ?? null });
    setSessionCookie(reply, this.config, signedIn.refreshToken);
    return { recoveryCodes, accessToken: signedIn.accessToken, user: signedIn.user };
  }

  /** The second step of a login that answered `mfaRequired`. */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() dto: MfaLoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ accessToken: string; user: UserView }> {
    const user = await this.mfa.userOfToken(dto.mfaToken, 'login');
    await this.mfa.secondFactor(user, dto.code);
    const signedIn = await this.sessions.start(user, { address: request.ip, userAgent: request.headers['user-agent'] ?? null });
    setSessionCookie(reply, this.config, signedIn.refreshToken);
    return { accessToken: signedIn.accessToken, user: signedIn.user };
  }
}
