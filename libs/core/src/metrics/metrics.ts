import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The metrics of one process (one Nest application): a prom-client registry that every module adds to
 * (`new Gauge({ registers: [metrics.registry], … })` or `metrics.gauge(…)`), served by the API at /metrics
 * in the Prometheus text format. One registry per application, not the global one: the tests run several
 * applications in one process.
 */
export class ForumMetrics {
  readonly registry = new Registry();
  /** every HTTP request, by method, route template (not the raw URL: bounded labels) and status */
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(readonly app: 'api' | 'worker') {
    this.registry.setDefaultLabels({ app });
    // process CPU, memory, event-loop lag, handles, GC
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  /** A gauge read at scrape time; a failing read leaves the gauge empty rather than failing the scrape. */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    read: (set: (labels: Record<L, string>, value: number) => void) => Promise<void> | void,
  ): Gauge<L> {
    return new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          await read((labels, value) => this.set(labels as never, value));
        } catch {
          // a dependency that is down shows as missing series; /api/v1/health says which
        }
      },
    });
  }

  contentType(): string {
    return this.registry.contentType;
  }

  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Minimal view of Fastify needed to time requests (kept structural so core does not depend on fastify). */
interface TimedFastify {
  addHook(
    name: 'onResponse',
    hook: (request: { method: string; routeOptions?: { url?: string } }, reply: { statusCode: number; elapsedTime: number }, done: () => void) => void,
  ): unknown;
}

/** Times every request into http_request_duration_seconds; call before the routes are registered. */
export function instrumentHttp(fastify: TimedFastify, metrics: ForumMetrics): void {
  // a callback hook, not an async one: no promise per request
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}
