import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authorize, Caller, CurrentCaller, FORUM_CONFIG, ForumConfig, IdParam, invalid, Public, Sends } from '@forum/core';
import { Permission } from '@forum/contracts';
import { SecretariatOnlyGuard } from '../secretariat-only.guard';
import { readCookie, secureCookies, setSessionCookie } from '../session/session-cookie';
import { IdentityProviderDto, type IdentityProviderView } from './identity-provider.dto';
import { oidcErrorPage } from './oidc-pages';
import { OidcService, OidcSignInRefused } from './oidc.service';

const STATE_COOKIE = 'forum_oidc_state';
const STATE_COOKIE_PATH = '/api/v1/auth/oidc';

@ApiTags('identity-providers')
@ApiBearerAuth()
@UseGuards(SecretariatOnlyGuard)
@Controller('governments/:id/identity-provider')
export class IdentityProviderController {
  constructor(private readonly oidc: OidcService) {}

  @Authorize(Permission.IdentityProvidersManage)
  @Post()
  create(@CurrentCaller() caller: Caller, @IdParam() id: string, @Body() dto: IdentityProviderDto): Promise<IdentityProviderView> {
    return this.oidc.create(caller, id, dto);
  }

  @Authorize(Permission.IdentityProvidersManage)
  @Get()
  get(@CurrentCaller() caller: Caller, @IdParam() id: string): Promise<IdentityProviderView> {
    return this.oidc.get(caller, id);
  }

  @Authorize(Permission.IdentityProvidersManage)
  @Put()
  replace(@CurrentCaller() caller: Caller, @IdParam() id: string, @Body() dto: IdentityProviderDto): Promise<IdentityProviderView> {
    return this.oidc.replace(caller, id, dto);
  }

  @Authorize(Permission.IdentityProvidersManage)
  @Delete()
  @HttpCode(204)
  remove(@CurrentCaller() caller: Caller, @IdParam() id: string): Promise<void> {
    return this.oidc.remove(caller, id);
  }
}

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly oidc: OidcService,
  ) {}

  /** Which governments sign their officials in with their own provider (for the sign-in page). */
  @Public()
  @Get('providers')
  providers(): Promise<{ code: string; nameEn: string; nameFr: string }[]> {
    return this.oidc.listPublic();
  }

  /** 302 to the government's provider; the state is bound to this browser by an HttpOnly cookie. */
  @Public()
  @Get(':governmentCode/start')
  // a redirect to the provider, or a page in both languages saying why not
  @Sends<string>()
  async start(@Param('governmentCode') code: string, @Res() reply: FastifyReply): Promise<void> {
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(code)) throw invalid('governmentCode is not a government code');
    const { url, state } = await this.oidc.start(code);
    const attributes = [
      `${STATE_COOKIE}=${state}`,
      `Path=${STATE_COOKIE_PATH}`,
      'HttpOnly',
      'SameSite=Lax',
      'Max-Age=600',
      ...(secureCookies(this.config) ? ['Secure'] : []),
    ];
    void reply.header('set-cookie', attributes.join('; ')).header('cache-control', 'no-store').redirect(url, 302);
  }

  /** The provider's redirect: signs in, sets the session cookie and goes to the web app; a refusal is a bilingual page. */
  @Public()
  @Get('callback')
  // a redirect into the web app, or a page in both languages saying why not
  @Sends<string>()
  async callback(@Query() query: Record<string, string | undefined>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    void reply.header('set-cookie', `${STATE_COOKIE}=; Path=${STATE_COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=0`).header('cache-control', 'no-store');
    try {
      const signedIn = await this.oidc.callback(query, readCookie(request.headers.cookie, STATE_COOKIE), {
        address: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, this.config, signedIn.refreshToken);
      void reply.redirect(`${this.config.publicBaseUrl}/`, 302);
    } catch (error) {
      if (!(error instanceof OidcSignInRefused)) throw error;
      const status = error.kind === 'expired' || error.kind === 'provider' ? 400 : 403;
      void reply
        .status(status)
        .header('content-type', 'text/html; charset=utf-8')
        .send(oidcErrorPage(error.kind, `${this.config.publicBaseUrl}/`));
    }
  }
}
