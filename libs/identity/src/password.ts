import * as argon2 from 'argon2';

export const hashPassword = (plain: string): Promise<string> => argon2.hash(plain, { type: argon2.argon2id });

export async function verifyPassword(hash: string | null, plain: string): Promise<boolean> {
  // An account without a password (invited, not yet set) is verified against a dummy so timing gives nothing away.
  if (!hash) {
    await argon2.hash(plain).catch(() => undefined);
    return false;
  }
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}
