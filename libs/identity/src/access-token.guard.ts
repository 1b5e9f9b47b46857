import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Caller, PUBLIC_ROUTE } from '@forum/core';
import { AccessTokenService } from './access-token.service';

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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    const token = bearerToken(request.headers.authorization);
    if (isPublic) {
      // A public route still knows a signed-in caller when one presents a valid token.
      if (token) request.caller = await this.tokens.verify(token).catch(() => undefined);
      return true;
    }
    request.caller = await this.tokens.verify(token);
    return true;
  }
}
