import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Caller, forbidden, PUBLIC_ROUTE } from '@forum/core';
import { AccessTokenService } from './access-token.service';
import { API_TOKEN_PREFIX, ApiTokenService, isTokenForbiddenPath, scopeForWrite } from './api-tokens/api-token.service';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}

/** Global guard: denied unless the route is @Public() or the request carries a valid token. */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly apiTokens: ApiTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; caller?: Caller; method: string; url: string }>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    const token = bearerToken(request.headers.authorization);
    if (token?.startsWith(API_TOKEN_PREFIX)) {
      request.caller = await this.apiTokens.authenticate(token);
      await this.apiTokens.auditCall(request.caller, request.method, request.url);
      // Scopes: `read` reads; every write needs the scope of its capability; accounts, tokens and webhooks are never a token's.
      if (isTokenForbiddenPath(request.url)) throw forbidden('A service token may not use this route');
      if (!READS.has(request.method)) {
        const scope = scopeForWrite(request.url);
        if (!scope || !request.caller.serviceToken?.scopes.includes(scope)) throw forbidden(`This service token has no scope for this write${scope ? ` (needs ${scope})` : ''}`);
      }
      return true;
    }
    if (isPublic) {
      // A public route still knows a signed-in caller when one presents a valid token.
      if (token) request.caller = await this.tokens.verify(token).catch(() => undefined);
      return true;
    }
    request.caller = await this.tokens.verify(token);
    return true;
  }
}
