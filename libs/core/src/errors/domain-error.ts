/** What went wrong, in the domain's terms; the HTTP filter maps each code to a status. */
export enum ErrorCode {
  InvalidInput = 'INVALID_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  Unavailable = 'UNAVAILABLE',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string | string[],
    /** extra fields for the error body, e.g. the current state on a stale-version conflict */
    readonly details?: Record<string, unknown>,
  ) {
    super(Array.isArray(message) ? message.join('; ') : message);
    this.messages = message;
  }
  readonly messages: string | string[];
}

export const invalid = (message: string | string[], details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.InvalidInput, message, details);
export const forbidden = (message = 'You may not do this') => new DomainError(ErrorCode.Forbidden, message);
export const notFound = (what: string) => new DomainError(ErrorCode.NotFound, `${what} not found`);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.Conflict, message, details);
export const unauthenticated = (message = 'A valid access token is required') =>
  new DomainError(ErrorCode.Unauthenticated, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new DomainError(ErrorCode.TooManyRequests, message, { retryAfterSeconds });
