import { Body, Controller, Delete, Get, Post, UseGuards } from '@nestjs/common';
import { SecretariatOnlyGuard } from '../secretariat-only.guard';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Authorize, Caller, CurrentCaller, IdParam } from '@forum/core';
import { Permission } from '@forum/contracts';
import { type ApiTokenView, CreateApiTokenDto } from './api-token.dto';
import { ApiTokenService } from './api-token.service';

@ApiTags('api-tokens')
@ApiBearerAuth()
@UseGuards(SecretariatOnlyGuard)
@Controller('api-tokens')
export class ApiTokenController {
  constructor(private readonly tokens: ApiTokenService) {}

  /** The secret is in this answer only; the server keeps its SHA-256. */
  @Authorize(Permission.ApiTokensManage)
  @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateApiTokenDto): Promise<ApiTokenView & { secret: string }> {
    return this.tokens.create(caller, dto);
  }

  @Authorize(Permission.ApiTokensManage)
  @Get()
  list(@CurrentCaller() caller: Caller): Promise<{ items: ApiTokenView[]; total: number }> {
    return this.tokens.list(caller);
  }

  @Authorize(Permission.ApiTokensManage)
  @Delete(':id')
  revoke(@CurrentCaller() caller: Caller, @IdParam() id: string): Promise<ApiTokenView> {
    return this.tokens.revoke(caller, id);
  }
}
