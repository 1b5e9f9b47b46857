import { Body, Controller, HttpCode, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authorize, Caller, CurrentCaller, FORUM_CONFIG, ForumConfig, Public } from '@forum/core';
import { Permission } from '@forum/contracts';
import { setSessionCookie } from '@forum/identity';
import { AccountsService } from './accounts.service';
import { InviteUserDto, PasswordResetRequestDto, SetPasswordWithTokenDto } from './notification.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users/invitations')
export class InvitationsController {
  constructor(private readonly accounts: AccountsService) {}

  /** secretariat: opens an account and emails its owner a one-time link to choose a password */
  @Authorize(Permission.UserInvite)
  @Post()
  invite(@CurrentCaller() caller: Caller, @Body() dto: InviteUserDto) {
    return this.accounts.invite(caller, dto);
  }
}

@ApiTags('auth')
@Controller('auth')
export class AccountLinksController {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly accounts: AccountsService,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
  ) {}

  /**
   * Always 202, answered before any lookup: neither the answer nor its timing tells whether the email has
   * an account. Throttled per address (429) and, silently, per email.
   */
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @RouteConfig({ rateLimit: { max: 5, timeWindow: 15 * 60_000 } })
  requestReset(@Body() dto: PasswordResetRequestDto) {
    setImmediate(
      () => void this.accounts.requestPasswordReset(dto.email).catch((error: Error) => this.logger.warn(`Password reset request failed: ${error.message}`)),
    );
    return { status: 'accepted', message: 'If an account uses this email, a link to reset its password is on its way.' };
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(200)
  @RouteConfig({ rateLimit: { max: 10, timeWindow: 15 * 60_000 } })
  async confirmReset(@Body() dto: SetPasswordWithTokenDto) {
    await this.accounts.resetPassword(dto.token, dto.password);
    return { status: 'ok', message: 'Your password is set; sign in with it.' };
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  @RouteConfig({ rateLimit: { max: 10, timeWindow: 15 * 60_000 } })
  async accept(@Body() dto: SetPasswordWithTokenDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const signedIn = await this.accounts.acceptInvitation(dto.token, dto.password, { address: request.ip, userAgent: request.headers['user-agent'] ?? null });
    setSessionCookie(reply, this.config, signedIn.refreshToken);
    return { accessToken: signedIn.accessToken, user: signedIn.user };
  }
}
