import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { FORUM_CONFIG, ForumConfig, redisConnectionOptions } from '@forum/core';

/** What was revoked: one session, or every session of a user. */
export type Revocation = { kind: 'session'; sessionId: string; userId: string } | { kind: 'user'; userId: string; reason: string };

/**
 * Tells every process at once that sessions ended: a Redis pub/sub channel, one subscriber per process.
 * The session cache drops its entries and the socket.io gateway disconnects the sockets, on every instance.
 */
@Injectable()
export class SessionRevocations implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  private readonly listeners: ((revocation: Revocation) => void)[] = [];
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;

  constructor(@Inject(FORUM_CONFIG) private readonly config: ForumConfig) {}

  private get channel(): string {
    return `${this.config.redisPrefix}:session-revoked`;
  }

  async onModuleInit(): Promise<void> {
    const options = { ...redisConnectionOptions(this.config.redisUrl), lazyConnect: false };
    this.publisher = new Redis(options);
    this.subscriber = new Redis(options);
    for (const connection of [this.publisher, this.subscriber]) connection.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        this.dispatch(JSON.parse(message) as Revocation);
      } catch (error) {
        this.logger.warn(`Bad revocation message: ${(error as Error).message}`);
      }
    });
    await this.subscriber.subscribe(this.channel).catch((error: Error) => this.logger.warn(`Revocations not subscribed: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const connection of [this.subscriber, this.publisher]) await connection?.quit().catch(() => connection.disconnect());
  }

  onRevoked(listener: (revocation: Revocation) => void): void {
    this.listeners.push(listener);
  }

  /** Applies locally at once (this process need not wait for Redis), then tells the others. */
  async announce(revocation: Revocation): Promise<void> {
    this.dispatch(revocation);
    await this.publisher?.publish(this.channel, JSON.stringify(revocation)).catch((error: Error) => this.logger.warn(`Revocation not published: ${error.message}`));
  }

  private dispatch(revocation: Revocation): void {
    for (const listener of this.listeners) {
      try {
        listener(revocation);
      } catch (error) {
        this.logger.warn(`Revocation listener failed: ${(error as Error).message}`);
      }
    }
  }
}
