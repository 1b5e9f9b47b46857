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
  private readonly writer: Redis;
  private readonly reader: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly config: ForumConfig,
  ) {
    super(app);
    this.writer = new Redis({ ...redisConnectionOptions(config.redisUrl), lazyConnect: false });
    this.reader = this.writer.duplicate();
    for (const connection of [this.writer, this.reader]) connection.on('error', () => undefined);
  }

  /**
   * The adapter uses one client for its blocking XREAD and for every XADD. On one ioredis connection
   * each broadcast then queues behind the pending XREAD (up to its 100 ms block): the bench measured a
   * 10× slower fan-out than bare socket.io. Reads go to a connection of their own.
   */
  private adapterClient(): Redis {
    const { writer, reader } = this;
    return new Proxy(writer, {
      get(target, property, receiver) {
        if (property === 'xread') return reader.xread.bind(reader);
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
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
      adapter: createAdapter(this.adapterClient(), {
        streamName: `${this.config.redisPrefix}:socket.io`,
        sessionKeyPrefix: `${this.config.redisPrefix}:socket.io:session:`,
        maxLen: 10_000,
      }),
    });
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all([this.writer, this.reader].map((c) => c.quit().catch(() => c.disconnect())));
  }
}
