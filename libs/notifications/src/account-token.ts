import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How long a link stays usable: an invitation waits for a busy official, a reset must be used at once. */
export const ACCOUNT_TOKEN_TTL_MS = { invitation: 7 * 24 * 3600_000, password_reset: 3600_000 } as const;

/**
 * The secret in a link is derived from the token row's id and the server secret, so the worker can
 * write the email long after the request without the secret ever being stored (only its hash is).
 */
export function accountTokenFor(serverSecret: string, tokenId: string): string {
  return createHmac('sha256', serverSecret).update(`account-token:${tokenId}`).digest('base64url');
}

export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
