import type { ErrorBody, ErrorReason, Page, SessionView } from '@forum/contracts';

/** The one way the web app talks to the API: bearer token, JSON, and the contract's error body turned into ApiError. */
export type ApiErrorBody = ErrorBody;
export type { Page };

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody | null) {
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
}


const SESSION_KEY = 'forum.session';

export type StoredSession = SessionView;

export function readSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function writeSession(session: StoredSession | null): void {
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
}

let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const session = readSession();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.accessToken}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (!response.ok) {
    if (response.status === 401 && session) onUnauthorized();
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
