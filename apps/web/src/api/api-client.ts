import type { ErrorBody, ErrorReason, Page, SessionView } from '@forum/contracts';

/** The one way the web app talks to the API: bearer token, JSON, and the contract's error body turned into ApiError. */
export type ApiErrorBody = ErrorBody;
export type { Page };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(Array.isArray(body?.message) ? body!.message.join('; ') : (body?.message ?? `HTTP ${status}`));
  }

  /** the contract's stable code: what the pages branch on, never the message text */
  get reason(): ErrorReason | null {
    return this.body?.reason ?? null;
  }

  /** the validation messages that name the given field (the API's messages start with the property name) */
  forField(field: string): string | undefined {
    const messages = Array.isArray(this.body?.message) ? this.body!.message : [this.body?.message ?? ''];
    return messages.find((m) => m.startsWith(`${field} `) || m.startsWith(`${field}.`));
  }

  /** a form's fields (its names → the API's property names) with their messages, or null when none is named */
  forFields<K extends string>(fields: Record<K, string>): Record<K, string | undefined> | null {
    const found = Object.fromEntries(Object.entries<string>(fields).map(([key, property]) => [key, this.forField(property)])) as Record<K, string | undefined>;
    return Object.values(found).some(Boolean) ? found : null;
  }
}

export type StoredSession = SessionView;

/**
 * The access token lives in memory only (never localStorage, where any injected script could read it):
 * a reload gets a fresh one from the HttpOnly session cookie through POST /auth/refresh.
 */
let current: StoredSession | null = null;
const listeners = new Set<(session: StoredSession | null) => void>();
let refreshTimer: ReturnType<typeof setTimeout> | null = null;
try {
  localStorage.removeItem('forum.session'); // what older versions kept there
} catch {
  /* storage unavailable */
}

export function readSession(): StoredSession | null {
  return current;
}

export function onSessionChange(listener: (session: StoredSession | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** seconds since the epoch at which the access token expires, read from its payload */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp : null;
  } catch {
    return null;
  }
}

export function writeSession(session: StoredSession | null): void {
  current = session;
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = null;
  const exp = session ? expiryOf(session.accessToken) : null;
  // renew a minute before the token expires, so the socket and the next request never meet an expired one
  if (exp) refreshTimer = setTimeout(() => void refreshSession(), Math.max(5_000, exp * 1000 - Date.now() - 60_000));
  for (const listener of listeners) listener(session);
}

type RefreshAnswer = { ok: boolean; text: string } | { error: unknown };

/** The refresh index.html's session-start.js sent before this script arrived, taken once (the next refresh is a new one). */
function takeStartedRefresh(): Promise<RefreshAnswer> | null {
  const holder = window as { forumSessionStart?: Promise<RefreshAnswer> };
  const started = holder.forumSessionStart ?? null;
  delete holder.forumSessionStart;
  return started;
}

async function askForRefresh(): Promise<{ ok: boolean; text: string }> {
  const started = takeStartedRefresh();
  if (started) {
    const answer = await started;
    if ('error' in answer) throw answer.error;
    return answer;
  }
  const response = await fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
  // the body is read either way: an unread one keeps the request open
  return { ok: response.ok, text: await response.text() };
}

let refreshing: Promise<StoredSession | null> | null = null;
/** One refresh at a time (the cookie rotates: two at once would look like a stolen cookie). */
export function refreshSession(): Promise<StoredSession | null> {
  refreshing ??= (async () => {
    try {
      const { ok, text } = await askForRefresh();
      const next = ok ? (JSON.parse(text) as StoredSession) : null;
      writeSession(next ? { accessToken: next.accessToken, user: next.user } : null);
      return next;
    } catch {
      return current;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Ends the session on the server (the cookie's) and forgets the token. */
export async function endSession(everywhere = false): Promise<void> {
  const token = current?.accessToken;
  writeSession(null);
  await fetch(`/api/v1/auth/logout${everywhere ? '?everywhere=true' : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
    .then((response) => response.text())
    .catch(() => undefined);
}

let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T = unknown>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const session = readSession();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.accessToken}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (!response.ok) {
    if (response.status === 401 && session && !retried && !path.startsWith('/auth/')) {
      // the access token expired or was revoked: one refresh through the cookie, then the request again
      if (await refreshSession()) return api<T>(method, path, body, true);
      onUnauthorized();
    } else if (response.status === 401 && session) onUnauthorized();
    throw new ApiError(response.status, typeof parsed === 'object' ? (parsed as ApiErrorBody) : null);
  }
  return parsed as T;
}

/** Downloads a protected file (CSV, iCalendar) with the token, since a plain link cannot carry it. */
export async function download(path: string, filename: string): Promise<void> {
  const session = readSession();
  const response = await fetch(`/api/v1${path}`, { headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
  if (!response.ok) throw new ApiError(response.status, null);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
