import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import i18next from 'i18next';
import { api, endSession, onSessionChange, readSession, refreshSession, setUnauthorizedHandler, StoredSession, writeSession } from '../api/api-client';

interface AuthState {
  session: StoredSession | null;
  isSecretariat: boolean;
  /** null when signed in; a challenge when the second step (or an enrolment in it) is needed first */
  login(email: string, password: string): Promise<MfaChallenge | null>;
  /** a session the API handed out another way (accepting an invitation signs the new user in) */
  startSession(session: StoredSession): void;
  logout(): void;
}

export type MfaChallenge = { mfaRequired: true; mfaToken: string } | { mfaEnrolmentRequired: true; mfaToken: string };

const AuthContext = createContext<AuthState | null>(null);

/** The session is the HttpOnly cookie's: on load the app asks for an access token with it, and keeps that in memory. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(() => readSession());
  const [ready, setReady] = useState(false);

  useEffect(() => onSessionChange(setSession), []);
  useEffect(() => {
    void refreshSession().finally(() => setReady(true));
  }, []);

  const logout = useCallback(() => {
    void endSession();
  }, []);

  useEffect(() => setUnauthorizedHandler(() => writeSession(null)), []);

  const login = useCallback(async (email: string, password: string) => {
    const result = await api<StoredSession | MfaChallenge>('POST', '/auth/login', { email, password });
    if (!('accessToken' in result)) return result;
    writeSession({ accessToken: result.accessToken, user: result.user });
    // the app speaks the user's language, unless the address chose one
    const locale = (result.user as { locale?: string }).locale;
    if (
      (locale === 'en' || locale === 'fr') &&
      !new URLSearchParams(window.location.search).get('lang') &&
      !/^\/(en|fr)(\/|$)/.test(window.location.pathname)
    ) {
      void i18next.changeLanguage(locale);
    }
    return null;
  }, []);

  const startSession = useCallback((next: StoredSession) => {
    writeSession({ accessToken: next.accessToken, user: next.user });
  }, []);

  const value = useMemo<AuthState>(
    () => ({ session, isSecretariat: session?.user.role === 'secretariat', login, startSession, logout }),
    [session, login, startSession, logout],
  );
  // Until the cookie has been tried, nothing renders: a signed-in person must not see the sign-in page flash.
  if (!ready) return null;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
