import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ConsoleLogger, LogLevel, RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { answerPublicHitsFromMemory, PublicResponseCache } from '@forum/communiques';
import { ForumConfig, ForumMetrics, forumValidationPipe, HttpErrorFilter, instrumentHttp } from '@forum/core';
import { declaredRoutes } from '@forum/identity';
import { AppModule } from './app.module';
import { drainOnClose, isDraining } from './drain';
import { serializeFromContracts } from './openapi/contract-serializers';
import { describeAccess, describeResponses } from './openapi/openapi-access';
import { RedisStreamsIoAdapter } from './realtime/redis-streams-io.adapter';
import { applyHttpSecurity, httpSecurityHeaders, requestLogSerializer } from './security/http-security';
import { serveWebApp } from './web/web-app.static';

const LOG_LEVELS: Record<ForumConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/** Pages served outside /api/v1: the public portal is addressed by permanent, readable URLs. */
export const PAGE_ROUTES = [
  { path: 'en/communiques', method: RequestMethod.GET },
  { path: 'fr/communiques', method: RequestMethod.GET },
  { path: 'en/communiques/{*rest}', method: RequestMethod.GET },
  { path: 'fr/communiques/{*rest}', method: RequestMethod.GET },
  // Prometheus scrapes /metrics by convention
  { path: 'metrics', method: RequestMethod.GET },
];

/** Builds the API exactly as production runs it; main.ts and the end-to-end tests both call this. */
export async function createApiApp(config: ForumConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For is believed only from the configured proxies: from anyone else the socket's address counts.
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    // A request (headers and body) must arrive within this: a trickled body does not hold a connection for ever.
    requestTimeout: config.requestTimeoutMs,
    // Node checks that timeout every 30 s by default: check often enough that the timeout means what it says
    // (and Node arms the check from the options it is created with, not from a value set later)
    http: {
      requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(5_000, Math.max(250, Math.floor(config.requestTimeoutMs / 4))),
    } as never,
    // While draining (SIGTERM/SIGINT), a request on a kept-alive connection is still answered, not given a 503.
    return503OnClosing: false,
    // One JSON line per request with its id (pino), tokens in URLs redacted; the same id is in every error body and the x-request-id header.
    logger:
      config.env !== 'test' && config.logLevel !== 'error' && config.logLevel !== 'warn'
        ? { level: 'info', serializers: { req: requestLogSerializer as never } }
        : false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && given.length > 0 ? given.slice(0, 64) : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new ConsoleLogger({ json: config.logFormat === 'json', logLevels: LOG_LEVELS[config.logLevel] }),
  });
  // First of all hooks: the public portal's cached answers leave from memory, with helmet's headers precomputed.
  const fastify = app.getHttpAdapter().getInstance();
  const securityHeaders = httpSecurityHeaders(config);
  answerPublicHitsFromMemory(fastify as unknown as FastifyInstance, app.get(PublicResponseCache), { draining: () => isDraining(fastify), securityHeaders });
  await applyHttpSecurity(app, config, securityHeaders);
  // Uploads (documents) stream through @fastify/multipart, outside the 1 MiB JSON body limit: one file of up to
  // FORUM_DOCUMENT_MAX_BYTES (a byte more is read to tell "over the limit"; the rest is drained and dropped).
  await app.register(multipart as never, {
    limits: { fileSize: config.documentMaxBytes + 1, files: 1, fields: 40, fieldSize: 16 * 1024, parts: 50, headerPairs: 200 },
    throwFileSizeLimit: false,
  });
  app.setGlobalPrefix('api/v1', { exclude: PAGE_ROUTES });
  app.useGlobalPipes(forumValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  app.useWebSocketAdapter(new RedisStreamsIoAdapter(app, config));
  instrumentHttp(app.getHttpAdapter().getInstance(), app.get(ForumMetrics));
  drainOnClose(app.getHttpAdapter().getInstance());
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      reply.header('x-request-id', request.id);
      done(null, payload);
    });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Forum API')
      .setDescription('The collaboration platform of the permanent federal-provincial-territorial-municipal forum')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // every operation's permission and the errors (with their reasons) it can answer, from the grant table
  const routes = declaredRoutes(app.get(DiscoveryService, { strict: false }), new MetadataScanner(), app.get(Reflector));
  describeResponses(document, routes);
  // the hot reads are written by fast-json-stringify from the same generated schemas (before app.init registers them)
  serializeFromContracts(app.get(DiscoveryService, { strict: false }), new MetadataScanner());
  describeAccess(document, routes);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  await serveWebApp(app, config);
  return app;
}
