import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { FORUM_CONFIG, ForumConfig, REDIS, tooManyRequests } from '@forum/core';

/** INCR and answer in one step (parallel guesses all count): the seconds to wait when over the limit, else 0. */
const ATTEMPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl < 1 then ttl = 1 end
  return ttl
end
return 0`;

/** Counts guesses of a second factor (TOTP or recovery code) per account in Redis, across instances. */
@Injectable()
export class MfaAttemptLimiter {
  static readonly ATTEMPTS = 5;
  static readonly WINDOW_SECONDS = 15 * 60;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
  ) {}

  private key(userId: string) {
    return `${this.config.redisPrefix}:mfa:attempts:${userId}`;
  }

  /** Counted before the code is checked; 429 `rate_limited` once over the limit. */
  async attempt(userId: string): Promise<void> {
    const wait = Number(await this.redis.eval(ATTEMPT, 1, this.key(userId), String(MfaAttemptLimiter.ATTEMPTS), String(MfaAttemptLimiter.WINDOW_SECONDS)));
    if (wait > 0) throw tooManyRequests('Too many codes tried for this account; try again later', wait);
  }

  async succeeded(userId: string): Promise<void> {
    await this.redis.del(this.key(userId));
  }
}
