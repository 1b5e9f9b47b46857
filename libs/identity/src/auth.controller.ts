import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authorize, Caller, CurrentCaller, FORUM_CONFIG, ForumConfig, Public, unauthenticated } from '@forum/core';
import { Permission, type UserView } from '@forum/contracts';
import { bearerToken } from './access-token.guard';
import { AccessTokenService } from './access-token.service';
import { AuthService, type MfaChallenge } from './auth.service';
import { clearSessionCookie, deviceOf, readCookie, requireSameOrigin, SESSION_COOKIE, setDeviceCookie, setSessionCookie } from './session/session-cookie';
import { SessionService } from './session/session.service';
import { LoginDto } from './user.dto';

/** the routes of the sign-in rate limit (per address, always on; see bootstrap.ts) */
export const SIGN_IN_RATE_LIMIT = { max: 30, timeWindow: 60_000 };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly tokens: AccessTokenService,
  ) {}

  /** Answers the access token and sets the HttpOnly session cookie (and this browser's device cookie). */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ accessToken: string; user: UserView } | MfaChallenge> {
    const email = dto.email.trim().toLowerCase();
    const signedIn = await this.auth.login(
      dto,
      { address: request.ip, userAgent: request.headers['user-agent'] ?? null },
      deviceOf(request, this.config, email),
    );
    setDeviceCookie(reply, this.config, email);
    if (!('accessToken' in signedIn)) return signedIn;
    setSessionCookie(reply, this.config, signedIn.refreshToken);
    return { accessToken: signedIn.accessToken, user: signedIn.user };
  }

  /** The session cookie gives a new access token; the cookie rotates (an old one presented again ends the session). */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ accessToken: string; user: UserView }> {
    requireSameOrigin(request, this.config);
    const presented = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!presented) throw unauthenticated('No session cookie: sign in');
    try {
      const refreshed = await this.sessions.refresh(presented);
      if (refreshed.refreshToken) setSessionCookie(reply, this.config, refreshed.refreshToken);
      return { accessToken: refreshed.accessToken, user: refreshed.user };
    } catch (error) {
      clearSessionCookie(reply, this.config);
      throw error;
    }
  }

  /** Ends this session (the cookie's, else the bearer token's); `?everywhere=true` ends every session of the user. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiQuery({ name: 'everywhere', required: false, type: Boolean })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query('everywhere') everywhere?: string): Promise<void> {
    requireSameOrigin(request, this.config);
    const bearer = bearerToken(request.headers.authorization);
    const caller = bearer ? await this.tokens.verify(bearer).catch(() => null) : null;
    const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
    const cookieSession = this.sessions.sessionIdOf(cookie);
    clearSessionCookie(reply, this.config);
    if (everywhere === 'true' || everywhere === '1') {
      const userId = caller?.userId ?? (await this.sessions.ownerOf(cookie));
      if (!userId) throw unauthenticated();
      await this.sessions.endAllFor(userId, 'logout_everywhere');
      return;
    }
    const sessionId = cookieSession ?? caller?.sessionId ?? null;
    if (!sessionId) throw unauthenticated('No session to end');
    await this.sessions.end(sessionId, 'logout');
  }

  @ApiBearerAuth()
  @Authorize(Permission.OwnAccountRead)
  @ApiOkResponse({ description: 'the signed-in user' })
  @Get('me')
  me(@CurrentCaller() caller: Caller): Promise<UserView> {
    return this.auth.me(caller.userId);
  }
}
