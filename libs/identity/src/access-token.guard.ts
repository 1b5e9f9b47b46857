import { CanActivate, ExecutionContext, Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModuleRef, Reflector } from '@nestjs/core';
import type { Permission } from '@forum/contracts';
import {
  ACCESS_POLICY,
  type AccessPolicy,
  type AccessTarget,
  type Caller,
  forbidden,
  type LocatedTarget,
  PUBLIC_ROUTE,
  ROUTE_PERMISSION,
  ROUTE_TARGET,
} from '@forum/core';
import { AccessTokenService } from './access-token.service';
import { API_TOKEN_PREFIX, ApiTokenService, isTokenForbiddenPath, scopeForWrite } from './api-tokens/api-token.service';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}

/** One route as the access model sees it: what the access-matrix test and the start-up check read. */
export interface DeclaredRoute {
  handler: string;
  method: string;
  /** as declared, without the global prefix: `/meetings/:id` */
  path: string;
  isPublic: boolean;
  permission?: Permission;
  target?: AccessTarget;
}

/**
 * Global guard, deny by default: a route is `@Public()` or declares `@Authorize(permission)`, else the
 * application does not start. It establishes the caller from the token (401 without one), then asks the one
 * access policy before any pipe runs, so an official sending a bad body to a secretariat route gets 403, and a
 * stranger to a body gets 404 on every route whatever the body holds.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate, OnApplicationBootstrap {
  private policy: AccessPolicy | null = null;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly moduleRef: ModuleRef,
    private readonly apiTokens: ApiTokenService,
  ) {}

  onApplicationBootstrap(): void {
    const routes = declaredRoutes(this.discovery, this.scanner, this.reflector);
    const undeclared = routes.filter((r) => !r.isPublic && !r.permission).map((r) => r.handler);
    if (undeclared.length) throw new Error(`Routes without a permission (add @Authorize(Permission.X) or @Public()): ${undeclared.join(', ')}`);
    const guarded = routes.filter((r) => r.permission);
    if (!guarded.length) return;
    this.policy = this.moduleRef.get<AccessPolicy>(ACCESS_POLICY, { strict: false });
    const kinds = new Set(this.policy.knownKinds());
    const unlocated = guarded.filter((r) => r.target && !kinds.has(r.target.kind)).map((r) => `${r.handler} (${r.target!.kind})`);
    if (unlocated.length) throw new Error(`Routes addressing a kind of thing nothing locates: ${unlocated.join(', ')}`);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | undefined>;
      caller?: Caller;
      authorizedTarget?: LocatedTarget;
      params?: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
      method: string;
      url: string;
    }>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
    const token = bearerToken(request.headers.authorization);
    if (token?.startsWith(API_TOKEN_PREFIX)) {
      request.caller = await this.apiTokens.authenticate(token);
      await this.apiTokens.auditCall(request.caller, request.method, request.url);
      // Scopes: `read` reads; every write needs the scope of its capability; accounts, tokens and webhooks are never a token's.
      if (isTokenForbiddenPath(request.url)) throw forbidden('A service token may not use this route');
      if (!READS.has(request.method)) {
        const scope = scopeForWrite(request.url);
        if (!scope || !request.caller.serviceToken?.scopes.includes(scope))
          throw forbidden(`This service token has no scope for this write${scope ? ` (needs ${scope})` : ''}`);
      }
      return true;
    }
    if (isPublic) {
      // A public route still knows a signed-in caller when one presents a valid token.
      if (token) request.caller = await this.tokens.verify(token).catch(() => undefined);
      return true;
    }
    request.caller = await this.tokens.verify(token);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(ROUTE_PERMISSION, targets);
    // unreachable after start-up (the check above), but a route that slipped through is denied, not opened
    if (!permission || !this.policy) return false;
    const target = this.reflector.getAllAndOverride<AccessTarget | undefined>(ROUTE_TARGET, targets);
    request.authorizedTarget = await this.policy.authorize(request.caller, permission, target, {
      params: request.params ?? {},
      query: request.query ?? {},
      body: request.body,
    });
    return true;
  }
}

/** Every HTTP route of the application with its declared access. */
export function declaredRoutes(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance);
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) continue;
      const targets = [handler, metatype];
      routes.push({
        handler: `${metatype.name}.${name}`,
        method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET',
        path: `/${[base, String(path)].filter((p) => p && p !== '/').join('/')}`,
        isPublic: !!reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets),
        permission: reflector.getAllAndOverride<Permission | undefined>(ROUTE_PERMISSION, targets),
        target: reflector.getAllAndOverride<AccessTarget | undefined>(ROUTE_TARGET, targets),
      });
    }
  }
  return routes;
}
