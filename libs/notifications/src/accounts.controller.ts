import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Authorize, Caller, CurrentCaller, Public } from '@forum/core';
import { Permission } from '@forum/contracts';
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
  constructor(private readonly accounts: AccountsService) {}

  /** Always 202: the answer must not tell whether the email has an account. */
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  async requestReset(@Body() dto: PasswordResetRequestDto) {
    await this.accounts.requestPasswordReset(dto.email);
    return { status: 'accepted', message: 'If an account uses this email, a link to reset its password is on its way.' };
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(200)
  async confirmReset(@Body() dto: SetPasswordWithTokenDto) {
    await this.accounts.resetPassword(dto.token, dto.password);
    return { status: 'ok', message: 'Your password is set; sign in with it.' };
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  accept(@Body() dto: SetPasswordWithTokenDto) {
    return this.accounts.acceptInvitation(dto.token, dto.password);
  }
}
