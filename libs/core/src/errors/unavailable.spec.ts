import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { loadConfig } from '../config/forum-config';
import { cappedBackoff, CAPPED_BACKOFF, emailJobOptions } from '../queue/queue.module';
import { HttpErrorFilter, isDatabaseUnavailable, retryAfterOf } from './http-error.filter';

const driverError = (code: string, message = 'x') => new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

describe('errors of a database out of reach', () => {
  it('maps every in-flight failure of a dropped connection or a time limit to 503 with Retry-After', () => {
    const filter = new HttpErrorFilter();
    for (const error of [
      new QueryRunnerAlreadyReleasedError(),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      driverError('57P01', 'terminating connection due to administrator command'),
      driverError('55P03', 'canceling statement due to lock timeout'),
      driverError('57014', 'canceling statement due to statement timeout'),
      driverError('25P03', 'terminating connection due to idle-in-transaction timeout'),
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      const body = filter.toBody(error);
      expect(body).toMatchObject({ statusCode: 503, reason: 'unavailable' });
      expect(body.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(retryAfterOf(driverError('55P03'))).toBe(1);
    expect(filter.toBody(driverError('23505')).statusCode).toBe(409);
    expect(filter.toBody(new Error('a bug')).statusCode).toBe(500);
  });
});

describe('email backoff', () => {
  it('doubles from EMAIL_BACKOFF_MS up to EMAIL_BACKOFF_MAX_MS, and the default attempts span more than 24 hours', () => {
    const config = loadConfig({});
    const backoff = cappedBackoff(config);
    expect([1, 2, 3].map((n) => backoff(n, CAPPED_BACKOFF))).toEqual([10_000, 20_000, 40_000]);
    expect(backoff(30, CAPPED_BACKOFF)).toBe(3_600_000);
    const { attempts } = emailJobOptions(config);
    let total = 0;
    for (let n = 1; n < attempts; n++) total += backoff(n, CAPPED_BACKOFF);
    expect(total).toBeGreaterThanOrEqual(24 * 3600 * 1000);
  });
});
