import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { CommonReason, type ErrorBody, type ErrorReason } from '@forum/contracts';
import { DomainError, ErrorCode } from './domain-error';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.InvalidInput:
      return 400;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
      return 409;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.TooManyRequests:
      return 429;
    case ErrorCode.Unavailable:
      return 503;
    default: {
      const never: never = code;
      throw new Error(`unmapped error code ${String(never)}`);
    }
  }
}

export type { ErrorBody };

/** The reason of an error that did not come from a service: decided by its status alone. */
export function reasonOfStatus(statusCode: number): ErrorReason {
  switch (statusCode) {
    case 400:
      return CommonReason.ValidationFailed;
    case 401:
      return CommonReason.Unauthenticated;
    case 403:
      return CommonReason.Forbidden;
    case 404:
    case 405:
      return CommonReason.NotFound;
    case 409:
      return CommonReason.Duplicate;
    case 413:
      return CommonReason.PayloadTooLarge;
    case 415:
      return CommonReason.UnsupportedMediaType;
    case 429:
      return CommonReason.RateLimited;
    case 503:
      return CommonReason.Unavailable;
    default:
      return statusCode >= 500 ? CommonReason.Internal : CommonReason.ValidationFailed;
  }
}

/** Connection-level failures: the database is restarting or out of reach, which is not the caller's fault nor a bug. */
// 55P03 lock_not_available (lock_timeout), 57014 query_canceled (statement_timeout), 25P03 idle_in_transaction_session_timeout:
// the time limits every connection carries; the caller may simply try again.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '55P03',
  '57014',
  '25P03',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|terminating connection|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|the database system is (starting up|shutting down)|Query runner already released|Connection is not established/i;
const UNAVAILABLE_NAMES = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError', 'ConnectionIsNotSetError']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; driverError?: { code?: string; message?: string }; message?: string } | null;
  const code = e?.driverError?.code ?? e?.code;
  return (
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    (e?.name !== undefined && UNAVAILABLE_NAMES.has(e.name)) ||
    UNAVAILABLE_MESSAGES.test(e?.driverError?.message ?? e?.message ?? '')
  );
}

/** Seconds a client should wait: a pool or lock wait clears in a moment, a restarting database takes longer. */
export function retryAfterOf(error: unknown): number {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (code === '55P03' || code === '57014' || /timeout exceeded when trying to connect/i.test(e?.message ?? '')) return 1;
  return 5;
}

/** The one place where anything thrown becomes the contract's error body. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const body = this.toBody(exception);
    body.requestId = String(request.id);
    if (typeof body.retryAfterSeconds === 'number') void reply.header('retry-after', String(body.retryAfterSeconds));
    if (body.statusCode === 503) {
      this.logger.warn(`${request.method} ${request.url} → 503 [${request.id}]: ${(exception as Error)?.message}`);
    } else if (body.statusCode >= 500) {
      this.logger.error(`${request.method} ${request.url} → ${body.statusCode} [${request.id}]`, (exception as Error)?.stack);
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = statusOf(exception.code);
      return { statusCode, error: REASONS[statusCode], reason: exception.reason, message: exception.messages, ...exception.details };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : ((response as { message?: string | string[] }).message ?? exception.message);
      return { statusCode, error: REASONS[statusCode] ?? 'Error', reason: reasonOfStatus(statusCode), message };
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const statusCode = fastifyError.statusCode;
      return { statusCode, error: REASONS[statusCode] ?? 'Error', reason: reasonOfStatus(statusCode), message: fastifyError.message ?? 'Bad request' };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        statusCode: 503,
        error: REASONS[503],
        reason: CommonReason.Unavailable,
        message: 'The service is briefly unavailable; try again in a moment',
        retryAfterSeconds: retryAfterOf(exception),
      };
    }
    if (exception instanceof QueryFailedError) {
      const driverError = (exception as QueryFailedError & { driverError?: { code?: string; detail?: string } }).driverError;
      // Constraint violations that a service did not anticipate are still the caller's conflict, not a crash.
      if (driverError?.code === '23505') return { statusCode: 409, error: REASONS[409], reason: CommonReason.Duplicate, message: 'This already exists' };
      if (['22P02', '22001', '22003', '22007', '22008', '22021', '22P05'].includes(driverError?.code ?? '')) {
        return { statusCode: 400, error: REASONS[400], reason: CommonReason.ValidationFailed, message: 'A value has the wrong form or size' };
      }
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, error: REASONS[500], reason: CommonReason.Internal, message: 'Internal server error' };
  }
}
