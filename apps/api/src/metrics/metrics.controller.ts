import { Controller, Get, Headers, HttpCode, Inject, Injectable, Module, OnModuleInit, Res, UnauthorizedException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { FORUM_CONFIG, ForumConfig, ForumMetrics, Public } from '@forum/core';
import { RealtimeGateway } from '../realtime/realtime.gateway';

/** The path Prometheus scrapes, outside /api/v1 by convention. */
export const METRICS_PATH = 'metrics';

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Prometheus text format. Operations, not users: with METRICS_TOKEN set it needs
 * `Authorization: Bearer $METRICS_TOKEN`; without it, it answers whoever reaches the API's port, which the
 * reverse proxy in docker/ never forwards (scrape the api containers on the internal network).
 */
@ApiExcludeController()
@Controller(METRICS_PATH)
export class MetricsController {
  constructor(
    @Inject(ForumMetrics) private readonly metrics: ForumMetrics,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
  ) {}

  @Public()
  @Get()
  @HttpCode(200)
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const expected = this.config.metricsToken;
    if (expected) {
      const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
      if (!sameSecret(given, expected)) throw new UnauthorizedException('The metrics token is required (Authorization: Bearer …)');
    }
    reply.header('content-type', this.metrics.contentType()).header('cache-control', 'no-store');
    return this.metrics.scrape();
  }
}

/** Sockets connected to this instance. */
@Injectable()
class RealtimeCollector implements OnModuleInit {
  constructor(
    @Inject(ForumMetrics) private readonly metrics: ForumMetrics,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge('forum_socket_connections', 'socket.io clients connected to this API instance', [], (set) => {
      const gateway = this.moduleRef.get(RealtimeGateway, { strict: false });
      type Engine = { engine?: { clientsCount: number } };
      const server = gateway?.server as unknown as (Engine & { server?: Engine }) | undefined;
      set({}, (server?.engine ?? server?.server?.engine)?.clientsCount ?? 0);
    });
  }
}

@Module({ controllers: [MetricsController], providers: [RealtimeCollector] })
export class MetricsApiModule {}
