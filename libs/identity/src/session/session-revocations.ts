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
  private readonly deafListeners: (() => void)[] = [];
  private subscribed = false;
  private everSubscribed = false;
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
    // While the subscription is down a revocation could pass unheard: whoever caches on the strength of it
    // forgets everything then, and caches nothing until it is back (ioredis subscribes again on reconnect).
    this.subscriber.on('close', () => this.deafened());
    this.subscriber.on('ready', () => {
      // ioredis re-sends the SUBSCRIBE on this connection before it says ready: what follows is heard
      if (this.everSubscribed) this.subscribed = true;
    });
    await this.subscriber
      .subscribe(this.channel)
      .then(() => (this.subscribed = this.everSubscribed = true))
      .catch((error: Error) => this.logger.warn(`Revocations not subscribed: ${error.message}`));
  }

  /** true while this process hears every revocation: only then may a session be cached */
  get listening(): boolean {
    return this.subscribed;
  }

  /** called when the subscription drops (a revocation may be missed until it is back) */
  onDeaf(listener: () => void): void {
    this.deafListeners.push(listener);
  }

  private deafened(): void {
    if (!this.subscribed) return;
    this.subscribed = false;
    this.logger.warn('Revocations unheard while Redis is away: the session cache is off until it is back');
    for (const listener of this.deafListeners) listener();
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
    await this.publisher
      ?.publish(this.channel, JSON.stringify(revocation))
      .catch((error: Error) => this.logger.warn(`Revocation not published: ${error.message}`));
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
