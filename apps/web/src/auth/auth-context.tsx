import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import i18next from 'i18next';
import { api, readSession, setUnauthorizedHandler, StoredSession, writeSession } from '../api/api-client';

interface AuthState {
  session: StoredSession | null;
  isSecretariat: boolean;
  login(email: string, password: string): Promise<void>;
  /** a session the API handed out another way (accepting an invitation signs the new user in) */
  startSession(session: StoredSession): void;
  logout(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(() => readSession());

  const logout = useCallback(() => {
    writeSession(null);
    setSession(null);
  }, []);

  useEffect(() => setUnauthorizedHandler(logout), [logout]);

  const login = useCallback(async (email: string, password: string) => {
    const result = await api<StoredSession>('POST', '/auth/login', { email, password });
    const next = { accessToken: result.accessToken, user: result.user };
    writeSession(next);
    setSession(next);
    // the app speaks the user's language, unless the address chose one
    const locale = (result.user as { locale?: string }).locale;
    if ((locale === 'en' || locale === 'fr') && !new URLSearchParams(window.location.search).get('lang') && !/^\/(en|fr)(\/|$)/.test(window.location.pathname)) {
      void i18next.changeLanguage(locale);
    }
  }, []);

  const startSession = useCallback((next: StoredSession) => {
    writeSession({ accessToken: next.accessToken, user: next.user });
    setSession({ accessToken: next.accessToken, user: next.user });
  }, []);

  const value = useMemo<AuthState>(
    () => ({ session, isSecretariat: session?.user.role === 'secretariat', login, startSession, logout }),
    [session, login, startSession, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
