import { CommonReason, type ErrorReason } from '@forum/contracts';

/** What went wrong, in the domain's terms; the HTTP filter maps each code to a status. */
export enum ErrorCode {
  InvalidInput = 'INVALID_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  Unavailable = 'UNAVAILABLE',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** the contract's stable `reason`: what a client branches on */
    readonly reason: ErrorReason,
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
  new DomainError(ErrorCode.InvalidInput, CommonReason.ValidationFailed, message, details);
/** A 400 with a reason of its own (e.g. `invalid_code`), for refusals a client handles differently from bad fields. */
export const invalidBecause = (reason: ErrorReason, message: string | string[], details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.InvalidInput, reason, message, details);
export const forbidden = (message = 'You may not do this') => new DomainError(ErrorCode.Forbidden, CommonReason.Forbidden, message);
export const notFound = (what: string) => new DomainError(ErrorCode.NotFound, CommonReason.NotFound, `${what} not found`);
/** A 409: every conflict names its reason, so two different conflicts never look alike to a client. */
export const conflict = (reason: ErrorReason, message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.Conflict, reason, message, details);
export const unauthenticated = (message = 'A valid access token is required') =>
  new DomainError(ErrorCode.Unauthenticated, CommonReason.Unauthenticated, message);
export const payloadTooLarge = (message: string) => new DomainError(ErrorCode.PayloadTooLarge, CommonReason.PayloadTooLarge, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new DomainError(ErrorCode.TooManyRequests, CommonReason.RateLimited, message, { retryAfterSeconds });
export const unavailable = (message: string, retryAfterSeconds = 5) =>
  new DomainError(ErrorCode.Unavailable, CommonReason.Unavailable, message, { retryAfterSeconds });
