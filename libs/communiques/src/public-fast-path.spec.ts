import Fastify, { type FastifyInstance } from 'fastify';
import { answerPublicHitsFromMemory } from './public-fast-path';
import type { MemoryAnswer, PublicResponseCache } from './public-response.cache';

describe('answerPublicHitsFromMemory', () => {
  let fastify: FastifyInstance;
  let draining = false;
  const answer: MemoryAnswer = { status: 200, head: ['content-type', 'text/plain', 'content-length', '6'], body: Buffer.from('memory') };
  const cache = {
    fromMemory: (request: { url: string }) => (request.url === '/remembered' ? answer : null),
    useSecurityHeaders: () => undefined,
  } as unknown as PublicResponseCache;

  beforeAll(async () => {
    fastify = Fastify({ genReqId: () => 'request-1' });
    answerPublicHitsFromMemory(fastify, cache, { draining: () => draining, securityHeaders: {} });
    fastify.get('/remembered', async () => 'nest');
    fastify.get('/other', async () => 'nest');
    await fastify.ready();
  });
  afterAll(() => fastify.close());

  it('answers a remembered URL from memory, with the request id, and leaves the rest to the routes', async () => {
    const hit = await fastify.inject({ method: 'GET', url: '/remembered' });
    expect(hit.body).toBe('memory');
    expect(hit.headers['x-request-id']).toBe('request-1');
    expect(hit.headers.connection).not.toBe('close');
    expect((await fastify.inject({ method: 'GET', url: '/other' })).body).toBe('nest');
  });

  it('leaves HEAD and anything with an Authorization header to the routes', async () => {
    expect((await fastify.inject({ method: 'GET', url: '/remembered', headers: { authorization: 'Bearer x' } })).body).toBe('nest');
    expect((await fastify.inject({ method: 'HEAD', url: '/remembered' })).headers['content-length']).toBe('4');
  });

  it('says Connection: close while the server drains, as the onSend hooks it skips would', async () => {
    draining = true;
    try {
      expect((await fastify.inject({ method: 'GET', url: '/remembered' })).headers.connection).toBe('close');
    } finally {
      draining = false;
    }
  });
});
