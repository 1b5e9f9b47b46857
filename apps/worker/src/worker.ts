import 'reflect-metadata';
import { ConsoleLogger, INestApplicationContext, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ForumConfig } from '@forum/core';
import { assertNoEviction } from './redis-policy';
import type { WorkerTuning } from './queue-workers.service';
import { WorkerModule } from './worker.module';

const LOG_LEVELS: Record<ForumConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/** Builds and starts the worker exactly as production runs it; main.ts and the tests both call this. */
export async function createWorker(
  config: ForumConfig,
  { handleSignals = true, ...tuning }: WorkerTuning & { handleSignals?: boolean } = {},
): Promise<INestApplicationContext> {
  await assertNoEviction(config.redisUrl);
  // LOG_FORMAT=json: one JSON object per line, as the API writes them
  const logger = new ConsoleLogger({ json: config.logFormat === 'json', logLevels: LOG_LEVELS[config.logLevel] });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, tuning), { logger });
  // SIGTERM closes the workers after their jobs in hand, then the queues and connections.
  if (handleSignals) app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.init();
  new Logger('Forum').log('Worker started: relaying the outbox and processing the queues');
  return app;
}
