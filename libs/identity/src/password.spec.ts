import { loadConfig } from '@forum/core';
import { PasswordHasher } from './password';

describe('PasswordHasher', () => {
  const cheap = new PasswordHasher(
    loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '2', PASSWORD_HASH_PARALLELISM: '1' }),
  );

  it('hashes with argon2id at the configured cost', async () => {
    const hash = await cheap.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,t=2,p=1\$/);
    expect(await cheap.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await cheap.verify(hash, 'correct horse battery stapler')).toBe(false);
  });

  it('still checks passwords hashed at another cost, so changing the cost locks nobody out', async () => {
    const strong = await new PasswordHasher(loadConfig({ NODE_ENV: 'test' })).hash('a password set last year');
    expect(strong).toMatch(/\$m=65536,t=3,p=4\$/);
    expect(await cheap.verify(strong, 'a password set last year')).toBe(true);
  });

  it('refuses an account without a password, and a hash that is not one', async () => {
    expect(await cheap.verify(null, 'anything')).toBe(false);
    expect(await cheap.verify('not a hash', 'anything')).toBe(false);
  });
});
