import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { FORUM_CONFIG, ForumConfig, REDIS, tooManyRequests } from '@forum/core';

const WINDOW_SECONDS = 15 * 60;
/** failures allowed per account before each further attempt must wait, doubling up to the window */
const ACCOUNT_FREE_FAILURES = 5;
/** an office behind one address has many people: only a flood from one address is stopped */
const ADDRESS_MAX_FAILURES = 100;

/**
 * Slows down password guessing, per account and per address, in Redis so every API instance agrees.
 * If Redis is unavailable the login still works: availability beats throttling for a short outage.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('Login');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
  ) {}

  private keys(email: string, address: string) {
    const p = `${this.config.redisPrefix}:login`;
    return { account: `${p}:account:${email}`, accountUntil: `${p}:account-until:${email}`, address: `${p}:address:${address}` };
  }

  async check(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const [until, addressFailures] = await this.safely(() => this.redis.mget(keys.accountUntil, keys.address), [null, null]);
    const waitMs = until ? Number(until) - Date.now() : 0;
    if (waitMs > 0) throw tooManyRequests('Too many failed sign-in attempts for this account; try again later', Math.ceil(waitMs / 1000));
    if (Number(addressFailures ?? 0) >= ADDRESS_MAX_FAILURES) {
      throw tooManyRequests('Too many failed sign-in attempts from this address; try again later', WINDOW_SECONDS);
    }
  }

  async failed(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    this.logger.warn(`Failed sign-in for ${email} from ${address}`);
    await this.safely(async () => {
      const results = await this.redis.multi().incr(keys.account).expire(keys.account, WINDOW_SECONDS).incr(keys.address).expire(keys.address, WINDOW_SECONDS).exec();
      const failures = Number(results?.[0]?.[1] ?? 0);
      if (failures >= ACCOUNT_FREE_FAILURES) {
        const delaySeconds = Math.min(WINDOW_SECONDS, 2 ** (failures - ACCOUNT_FREE_FAILURES + 1));
        await this.redis.set(keys.accountUntil, String(Date.now() + delaySeconds * 1000), 'EX', delaySeconds);
      }
    }, undefined);
  }

  async succeeded(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    await this.safely(() => this.redis.del(keys.account, keys.accountUntil), undefined);
  }

  private async safely<T>(operation: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      this.logger.warn(`Login throttling skipped: Redis unavailable (${(error as Error).message})`);
      return fallback;
    }
  }
}
