import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QUEUES } from '@forum/contracts';
import { FORUM_CONFIG } from '../config/config.module';
import type { ForumConfig } from '../config/forum-config';
import { redisConnectionOptions } from '../redis/redis.module';

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
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
  ],
  exports: [BullModule],
})
export class QueueModule {}
