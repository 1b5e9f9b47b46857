import type { FastifyInstance } from 'fastify';
import type { PublicResponseCache } from './public-response.cache';

/**
 * Serves the public portal's cached answers before anything else looks at the request: an `onRequest` hook
 * added ahead of helmet, the rate limit and Nest's pipeline (guards, pipes, filters), answering a URL Nest has
 * already answered from the current cache with the same bytes and headers, precomputed (see
 * PublicResponseCache.answerFromMemory). A crowd on a published communiqué then costs a map lookup and a write.
 * The onResponse hooks (the request timing of /metrics, the request log) still run.
 *
 * Anything else goes on as before: a miss, a URL Nest has not answered yet, a coding not computed yet, the
 * listener down (Nest validates each request), and any request with an Authorization header (a token is
 * checked, and a service token's call is audited, on every route).
 *
 * Cached hits are not rate-limited: they cost less than the limiter's own Redis round trip, and a crowd behind
 * one address (a department's proxy) must still be served. Misses, which ask Postgres, still are.
 *
 * Call before helmet is registered (hooks run in the order they were added), with the headers helmet sets.
 */
export function answerPublicHitsFromMemory(
  fastify: FastifyInstance,
  cache: PublicResponseCache,
  options: { draining(): boolean; securityHeaders: Record<string, string> },
): void {
  cache.useSecurityHeaders(options.securityHeaders);
  fastify.addHook('onRequest', (request, reply, done) => {
    const answer = request.method === 'GET' && request.headers.authorization === undefined ? cache.fromMemory(request) : null;
    if (!answer) return done();
    // Written straight to the socket's response: Fastify's onSend hooks are skipped, so what they add is added
    // here (the request id; `Connection: close` while draining). The onResponse hooks (timing) still run.
    reply.hijack();
    const head = answer.head.concat('x-request-id', request.id);
    if (options.draining()) head.push('connection', 'close');
    reply.raw.writeHead(answer.status, head);
    reply.raw.end(answer.body ?? undefined);
  });
}
