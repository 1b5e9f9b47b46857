import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { FORUM_CONFIG } from '../config/config.module';
import type { ForumConfig } from '../config/forum-config';

export const REDIS = Symbol('REDIS');

/** Options every Redis connection of the product uses; BullMQ needs maxRetriesPerRequest: null. */
export function redisConnectionOptions(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    // Keep retrying for ever, slowly: a Redis outage must not kill the process, only delay delivery.
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One general-purpose Redis connection (health checks, small keys); queues and sockets open their own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [FORUM_CONFIG],
      useFactory: (config: ForumConfig) =>
        new Redis({ ...redisConnectionOptions(config.redisUrl), maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
