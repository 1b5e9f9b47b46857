import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { ForumConfig, redisConnectionOptions } from '@forum/core';

/** How long a dropped client may be away and still receive, on reconnection, what it missed. */
export const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

/**
 * socket.io over the Redis Streams adapter: every API instance reads one stream, so a broadcast from any
 * instance reaches the sockets of all, and a session survives a reconnection to another instance
 * (the pub/sub adapter cannot replay what a client missed).
 */
export class RedisStreamsIoAdapter extends IoAdapter {
  private readonly redis: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly config: ForumConfig,
  ) {
    super(app);
    // Its own connection: the adapter blocks on XREAD.
    this.redis = new Redis({ ...redisConnectionOptions(config.redisUrl), lazyConnect: false });
    this.redis.on('error', () => undefined);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      serveClient: false,
      connectionStateRecovery: {
        maxDisconnectionDuration: RECOVERY_WINDOW_MS,
        // Recovery must not skip the token check: a revoked account gets nothing it missed.
        skipMiddlewares: false,
      },
      adapter: createAdapter(this.redis, {
        streamName: `${this.config.redisPrefix}:socket.io`,
        sessionKeyPrefix: `${this.config.redisPrefix}:socket.io:session:`,
        maxLen: 10_000,
      }),
    });
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
