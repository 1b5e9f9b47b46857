import type { DataSource } from 'typeorm';
import type { ForumConfig } from '@forum/core';
import { startThrowawayRedis, ThrowawayRedis } from '../support/test-redis';
import { waitFor } from '../support/timeouts';
import { SessionCache } from '../../libs/identity/src/session/session-cache';
import { SessionRevocations } from '../../libs/identity/src/session/session-revocations';

const SESSION = '5b0f6c2e-3f5d-4d6a-9a49-2f1d8c7e0a11';
const USER = '0c7f1e52-8b7e-4d1b-a0a4-6a2a7a3f9e10';

/** A session cache beside a Redis of its own, so the revocation channel can really drop and come back. */
describe('SessionCache', () => {
  let redis: ThrowawayRedis;
  let revocations: SessionRevocations;
  let cache: SessionCache;
  let reads = 0;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    revocations = new SessionRevocations({ redisUrl: redis.url, redisPrefix: 'session-cache-spec' } as ForumConfig);
    await revocations.onModuleInit();
    const dataSource = {
      query: async () => {
        reads++;
        return [
          {
            id: USER,
            email: 'a@b.c',
            role: 'official',
            government_id: null,
            locale: 'en',
            active: true,
            revoked_at: null,
            expires_at: new Date(Date.now() + 3_600_000),
          },
        ];
      },
    } as unknown as DataSource;
    cache = new SessionCache(dataSource, revocations);
  });
  afterAll(async () => {
    await revocations?.onApplicationShutdown();
    await redis?.stop();
  });

  it('reads a session once, and again after its revocation', async () => {
    reads = 0;
    await cache.lookup(SESSION);
    await cache.lookup(SESSION);
    expect(reads).toBe(1);
    await revocations.announce({ kind: 'user', userId: USER, reason: 'deactivated' });
    await cache.lookup(SESSION);
    expect(reads).toBe(2);
  });

  it('forgets every session when the revocation channel drops, and caches none until it is back', async () => {
    await cache.lookup(SESSION);
    reads = 0;
    await redis.stop();
    await waitFor('the subscriber to notice Redis is gone', () => !revocations.listening, 10_000);
    // a revocation announced elsewhere now would go unheard: every lookup goes to Postgres
    await cache.lookup(SESSION);
    await cache.lookup(SESSION);
    expect(reads).toBe(2);
    await redis.start();
    await waitFor('the subscription to come back', () => revocations.listening, 20_000);
    await cache.lookup(SESSION);
    await cache.lookup(SESSION);
    expect(reads).toBe(3);
  });
});
