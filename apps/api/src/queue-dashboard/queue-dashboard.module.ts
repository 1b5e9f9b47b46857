import { Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FORUM_CONFIG, type ForumConfig, isSecretariat } from '@forum/core';
import { QUEUES } from '@forum/contracts';
import { AccessTokenService, bearerToken, secureCookies } from '@forum/identity';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'forum_queues_token';

function cookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/**
 * Bull Board at /admin/queues, for the secretariat only. A browser cannot send a bearer header, so a
 * `?token=` visit is accepted once and kept in an HttpOnly cookie scoped to the dashboard.
 */
@Injectable()
class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
  ) {}

  onModuleInit(): void {
    const board = new BullBoardFastifyAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    const queues = Object.values(QUEUES).map((name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })));
    createBullBoard({ queues, serverAdapter: board, options: { uiConfig: { boardTitle: 'Forum queues' } } });
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.secretariatOnly(request, reply));
      await scope.register(board.registerPlugin() as never, { prefix: QUEUE_DASHBOARD_PATH });
    });
  }

  private async secretariatOnly(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const fromQuery = (request.query as Record<string, string | undefined>)?.token ?? null;
    const token = bearerToken(request.headers.authorization) ?? fromQuery ?? cookie(request.headers.cookie, COOKIE);
    const deny = (statusCode: 401 | 403, error: string, message: string) =>
      reply
        .status(statusCode)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ statusCode, error, message, requestId: String(request.id) });
    let caller;
    try {
      caller = await this.tokens.verify(token);
    } catch {
      return deny(401, 'Unauthorized', 'A valid access token of the secretariat is required');
    }
    if (!isSecretariat(caller)) return deny(403, 'Forbidden', 'Only the secretariat sees the queues');
    if (fromQuery) {
      reply.header(
        'set-cookie',
        `${COOKIE}=${encodeURIComponent(fromQuery)}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secureCookies(this.config) ? '; Secure' : ''}`,
      );
    }
  }
}

@Module({ providers: [QueueDashboard] })
export class QueueDashboardModule {}
