import { accountTokenFor, hashAccountToken } from './account-token';

describe('account tokens', () => {
  const secret = 'x'.repeat(40);

  it('derives the same link for the same token row, so the worker can rebuild it', () => {
    expect(accountTokenFor(secret, 'a')).toBe(accountTokenFor(secret, 'a'));
  });

  it('gives another link for another row or another server secret', () => {
    expect(accountTokenFor(secret, 'a')).not.toBe(accountTokenFor(secret, 'b'));
    expect(accountTokenFor(secret, 'a')).not.toBe(accountTokenFor('y'.repeat(40), 'a'));
  });

  it('stores a hash that does not contain the token', () => {
    const token = accountTokenFor(secret, 'a');
    const hash = hashAccountToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
  });
});
