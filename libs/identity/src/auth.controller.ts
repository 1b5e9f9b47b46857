import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Authorize, Caller, CurrentCaller, Public } from '@forum/core';
import { Permission } from '@forum/contracts';
import { AuthService } from './auth.service';
import { LoginDto } from './user.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Ip() address: string) {
    return this.auth.login(dto, address);
  }

  @ApiBearerAuth()
  @Authorize(Permission.AccountRead)
  @Get('me')
  me(@CurrentCaller() caller: Caller) {
    return this.auth.me(caller.userId);
  }
}
