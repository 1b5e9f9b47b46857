import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { FORUM_CONFIG, ForumConfig, ForumMetrics } from '@forum/core';

/**
 * The worker has no HTTP of its own; with WORKER_METRICS_PORT set it serves GET /metrics there (process,
 * queue, outbox and pool metrics, `app="worker"`), behind METRICS_TOKEN like the API's.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | null = null;

  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    @Inject(ForumMetrics) private readonly metrics: ForumMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.workerMetricsPort;
    if (!port) return;
    const expected = this.config.metricsToken;
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      if (expected) {
        const given = Buffer.from(/^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '');
        const wanted = Buffer.from(expected);
        if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
          response.writeHead(401, { 'content-type': 'text/plain' }).end('The metrics token is required\n');
          return;
        }
      }
      this.metrics.scrape().then(
        (text) => response.writeHead(200, { 'content-type': this.metrics.contentType(), 'cache-control': 'no-store' }).end(text),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, this.config.host, () => resolve());
    });
    new Logger('Metrics').log(`Worker metrics on http://${this.config.host}:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
