import Redis from 'ioredis';
import { redisConnectionOptions } from '@forum/core';

export class RedisPolicyError extends Error {}

/**
 * BullMQ keeps its jobs in Redis keys: a Redis that evicts keys under memory pressure silently loses
 * jobs. The worker therefore refuses to start unless maxmemory-policy is noeviction.
 */
export async function assertNoEviction(redisUrl: string): Promise<void> {
  const redis = new Redis({ ...redisConnectionOptions(redisUrl), maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  try {
    await redis.connect();
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy !== 'noeviction') {
      throw new RedisPolicyError(
        `Redis at ${new URL(redisUrl).host} has maxmemory-policy "${policy}"; the worker needs "noeviction" so that no queued job is ever evicted. ` +
          `Set it with: redis-cli CONFIG SET maxmemory-policy noeviction (and maxmemory-policy noeviction in redis.conf).`,
      );
    }
  } finally {
    redis.disconnect();
  }
}
