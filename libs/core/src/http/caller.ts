import type { Locale, UserRole } from '@forum/contracts';

/** The signed-in person a request acts for, as established by the access token. */
export interface Caller {
  userId: string;
  email: string;
  role: UserRole;
  governmentId: string | null;
  /** the language the caller reads and writes in: bilingual texts are answered in it, a lone `x` is read as it */
  locale: Locale;
  /** the server-side session the access token belongs to (absent for service tokens) */
  sessionId?: string;
  /** set when the caller is another system's service token: `userId` is then the token's id (the audit actor) */
  serviceToken?: { id: string; name: string; scopes: string[] };
}

export const isSecretariat = (caller: Caller | null | undefined): boolean => caller?.role === 'secretariat';
