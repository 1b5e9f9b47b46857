import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type Redis from 'ioredis';
import sjson from 'secure-json-parse';
import { ForumConfig, invalid, REDIS, tooManyRequests } from '@forum/core';
import { AccessTokenService, bearerToken } from '@forum/identity';
import { jsonProblem } from './json-limits';

/**
 * Limits that always apply, whatever FORUM_API_RATE_LIMIT says: sign-in, password reset and search, keyed by
 * address (sign-in, reset) or by user (search, FORUM_SEARCH_RATE_LIMIT a minute). Login has its own per-account
 * throttle on top (LoginThrottle).
 */
const routeLimits = (config: Pick<ForumConfig, 'searchRateLimit'>): { url: RegExp; max: number; timeWindow: number; by: 'address' | 'user' }[] => [
  { url: /^\/api\/v1\/auth\/(login|mfa\/login)$/, max: 300, timeWindow: 60_000, by: 'address' },
  { url: /^\/api\/v1\/auth\/password-reset$/, max: 5, timeWindow: 15 * 60_000, by: 'address' },
  { url: /^\/api\/v1\/auth\/(password-reset\/confirm|invitations\/accept)$/, max: 10, timeWindow: 15 * 60_000, by: 'address' },
  { url: /^\/api\/v1\/auth\/refresh$/, max: 60, timeWindow: 60_000, by: 'address' },
  { url: /^\/api\/v1\/auth\/(mfa\/(enrol|verify)|oidc\/:governmentCode\/start|oidc\/callback)$/, max: 60, timeWindow: 60_000, by: 'address' },
  { url: /^\/api\/v1\/search$/, max: config.searchRateLimit, timeWindow: 60_000, by: 'user' },
];

/** Query parameters that carry secrets (Bull Board's ?token=, one-time links) and paths that are secrets (calendar feeds). */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&](?:token|access_token|code|state|mfaToken)=)[^&#]*/gi, '$1[redacted]')
    .replace(/(\/calendar-feeds\/)[^/?#]+(\/meetings\.ics)/, '$1[redacted]$2')
    .replace(/(\/(?:reset-password|accept-invitation)\/)[^/?#]+/, '$1[redacted]');
}

/** The request as pino writes it: never a token. */
export const requestLogSerializer = (request: FastifyRequest) => ({
  method: request.method,
  url: redactUrl(request.url),
  hostname: request.hostname,
  remoteAddress: request.ip,
});

/** The headers on every answer (pages, the API, static files, errors and the public portal's hits from memory). */
export function httpSecurityHeaders(config: Pick<ForumConfig, 'publicBaseUrl'>): Record<string, string> {
  const https = config.publicBaseUrl.startsWith('https:');
  return securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // GCDS components and Swagger UI set style attributes; no script is ever inline
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", https ? 'wss:' : 'ws:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HSTS only where the site is HTTPS: on http://localhost it would break other local services
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
}

export async function applyHttpSecurity(app: NestFastifyApplication, config: ForumConfig, headers = httpSecurityHeaders(config)): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();

  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });

  // A caller's answers are never kept by a browser or a proxy cache: anything answered to a bearer token,
  // and every auth route (login's answer holds a token).
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.headers.authorization || request.url.startsWith('/api/v1/auth/') || request.url.startsWith('/admin/queues')) {
      // a route that already forbids storing (a document download: `private, no-store`) keeps its own words
      const current = String(reply.getHeader('cache-control') ?? '');
      if (!/\bno-store\b/.test(current)) void reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });

  // JSON: refused in one cheap pass before parsing when too deep, too wide or with lone surrogates;
  // secure-json-parse refuses __proto__ and constructor poisoning.
  app.useBodyParser('application/json', { bodyLimit: fastify.initialConfig.bodyLimit }, (_request, body, done) => {
    const text = (body as Buffer).toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    const problem = jsonProblem(text);
    if (problem) return done(invalid([problem]), undefined);
    try {
      done(null, sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(invalid(['the body is not valid JSON']), undefined);
    }
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit: fastify.initialConfig.bodyLimit }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams((body as Buffer).toString('utf8'))));
  });

  // Rate limits in Redis, so every instance counts together. Per user when the request carries a valid
  // token, else per address (the socket's, or X-Forwarded-For only from FORUM_TRUSTED_PROXIES).
  const tokens = app.get(AccessTokenService);
  const userOrAddress = (request: FastifyRequest) => {
    const subject = tokens.peekSubject(bearerToken(request.headers.authorization));
    return subject ? `user:${subject}` : `addr:${request.ip}`;
  };
  const limits = routeLimits(config);
  fastify.addHook('onRoute', (route: { url: string; config?: unknown }) => {
    const limit = limits.find((l) => l.url.test(route.url));
    if (!limit) return;
    route.config = {
      ...(route.config as object),
      rateLimit: { max: limit.max, timeWindow: limit.timeWindow, keyGenerator: limit.by === 'address' ? (r: FastifyRequest) => `addr:${r.ip}` : userOrAddress },
    } as never;
  });
  await app.register(rateLimit as never, {
    global: config.apiRateLimit > 0,
    max: config.apiRateLimit || 1,
    timeWindow: 60_000,
    redis: app.get<Redis>(REDIS),
    nameSpace: `${config.redisPrefix}:rate:`,
    skipOnError: true,
    keyGenerator: userOrAddress,
    // health and metrics probes are not users
    allowList: (request: FastifyRequest) => request.url === '/api/v1/health' || request.url.startsWith('/socket.io'),
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
      tooManyRequests('Too many requests; slow down and try again later', Math.max(1, Math.ceil(context.ttl / 1000))),
  });
}

/**
 * Helmet's headers for these options, worked out once: they are the same on every answer (no CSP nonces), and
 * building them per request (as @fastify/helmet does, options parsed each time) was a hot read's largest hook.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as never, recorder as never, () => undefined);
  return headers;
}
