import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QUEUES } from '@forum/contracts';
import { FORUM_CONFIG } from '../config/config.module';
import type { ForumConfig } from '../config/forum-config';
import { redisConnectionOptions } from '../redis/redis.module';
import { JobSchedules } from './job-schedules';

/**
 * Retries with exponential backoff; a job that exhausts them is kept (removeOnFail: false) so it stays
 * visible on the dashboard; completed jobs are kept a day so a re-added jobId is recognised as done.
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: false,
} as const;

/** The email queue's own backoff: exponential from EMAIL_BACKOFF_MS, capped at EMAIL_BACKOFF_MAX_MS, over EMAIL_ATTEMPTS (a day by default). */
export const CAPPED_BACKOFF = 'capped-exponential';

export function emailJobOptions(config: ForumConfig) {
  return { ...DEFAULT_JOB_OPTIONS, attempts: config.email.attempts, backoff: { type: CAPPED_BACKOFF } };
}

/** The worker side of CAPPED_BACKOFF (BullMQ calls it with the attempts made so far). */
export function cappedBackoff(config: ForumConfig) {
  return (attemptsMade: number, type?: string): number => {
    if (type !== CAPPED_BACKOFF) return config.email.backoffMs;
    return Math.min(config.email.backoffMaxMs, config.email.backoffMs * 2 ** Math.max(0, attemptsMade - 1));
  };
}

/** The one BullMQ connection setup and the one registry of queues, for the api and the worker alike. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [FORUM_CONFIG],
      useFactory: (config: ForumConfig) => ({
        connection: redisConnectionOptions(config.redisUrl),
        prefix: config.redisPrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(
      ...Object.values(QUEUES)
        .filter((name) => name !== QUEUES.email)
        .map((name) => ({ name })),
    ),
    BullModule.registerQueueAsync({
      name: QUEUES.email,
      inject: [FORUM_CONFIG],
      useFactory: (config: ForumConfig) => ({
        connection: redisConnectionOptions(config.redisUrl),
        prefix: config.redisPrefix,
        defaultJobOptions: emailJobOptions(config),
      }),
    }),
  ],
  providers: [JobSchedules],
  exports: [BullModule, JobSchedules],
})
export class QueueModule {}
