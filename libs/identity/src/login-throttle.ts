import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { FORUM_CONFIG, ForumConfig, REDIS, tooManyRequests } from '@forum/core';

const WINDOW_SECONDS = 15 * 60;
/** attempts per account (or per known device of it) in the window */
const ACCOUNT_ATTEMPTS = 5;
/** an office behind one address has many people: only a flood from one address is stopped */
const ADDRESS_ATTEMPTS = 100;

/**
 * Counts an attempt and answers in one step, so parallel guesses are all counted: INCR, set the window on
 * the first, and return the seconds left when over the limit (0 when allowed).
 */
const ATTEMPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl < 1 then ttl = 1 end
  return ttl
end
return 0`;

/**
 * Slows down password guessing, in Redis so every API instance agrees. Each attempt is counted before the
 * password is checked, per address and per account; a browser that signed in to the account before
 * (device cookie) is counted on its own, so failures from elsewhere never lock the person out.
 * If Redis is unavailable the login still works: availability beats throttling for a short outage.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('Login');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
  ) {}

  private keys(email: string, address: string, device: string | null) {
    const p = `${this.config.redisPrefix}:login`;
    return { account: device ? `${p}:device:${device}` : `${p}:account:${email}`, address: `${p}:address:${address}` };
  }

  /** Counts this attempt; 429 when the account (or this device) or the address is over its limit. */
  async attempt(email: string, address: string, device: string | null): Promise<void> {
    const keys = this.keys(email, address, device);
    const addressWait = await this.count(keys.address, ADDRESS_ATTEMPTS);
    if (addressWait > 0) throw tooManyRequests('Too many sign-in attempts from this address; try again later', addressWait);
    const accountWait = await this.count(keys.account, ACCOUNT_ATTEMPTS);
    if (accountWait > 0) throw tooManyRequests('Too many sign-in attempts for this account; try again later', accountWait);
  }

  failed(email: string, address: string): void {
    this.logger.warn(`Failed sign-in for ${email} from ${address}`);
  }

  /** A success clears the account's (or device's) count: the person is back. */
  async succeeded(email: string, address: string, device: string | null): Promise<void> {
    const keys = this.keys(email, address, device);
    await this.safely(() => this.redis.multi().del(keys.account).decr(keys.address).exec(), undefined);
  }

  private count(key: string, limit: number): Promise<number> {
    return this.safely(async () => Number(await this.redis.eval(ATTEMPT, 1, key, String(limit), String(WINDOW_SECONDS))), 0);
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
