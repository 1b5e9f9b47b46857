import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { FORUM_CONFIG, type ForumConfig } from '@forum/core';

/** The one place passwords are hashed and checked: argon2id at the configured cost (PASSWORD_HASH_*). */
@Injectable()
export class PasswordHasher {
  private readonly options: argon2.Options & { raw?: false };

  constructor(@Inject(FORUM_CONFIG) config: ForumConfig) {
    const { memoryKib, timeCost, parallelism } = config.passwordHashing;
    this.options = { type: argon2.argon2id, memoryCost: memoryKib, timeCost, parallelism };
  }

  hash(plain: string): Promise<string> {
    return argon2.hash(plain, this.options);
  }

  /** Checks against the cost the hash was made with, so hashes from before a cost change keep working. */
  async verify(hash: string | null, plain: string): Promise<boolean> {
    // An account without a password (invited, not yet set) is verified against a dummy so timing gives nothing away.
    if (!hash) {
      await argon2.hash(plain, this.options).catch(() => undefined);
      return false;
    }
    try {
      return await argon2.verify(hash, plain);
    } catch {
      return false;
    }
  }
}
