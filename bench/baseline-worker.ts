/*
 * The queue baseline: a bare BullMQ worker whose processor does nothing, with the product worker's
 * concurrency, so jobs/s shows the cost of BullMQ and Redis alone. Started by bench/run.ts.
 */
import { Worker } from 'bullmq';
import { redisConnectionOptions } from '@forum/core';

const worker = new Worker(process.env.BENCH_QUEUE ?? 'bench-noop', async () => undefined, {
  connection: redisConnectionOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
  prefix: process.env.REDIS_PREFIX ?? 'forum-bench',
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 5),
});
worker.on('error', (error) => console.error(error.message));
void worker.waitUntilReady().then(() => console.log('baseline worker ready'));

const stop = () => void worker.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
