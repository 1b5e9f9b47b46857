import { loadConfig } from '@forum/core';
import { createWorker } from '../../apps/worker/src/worker';

/**
 * The worker as its own process, for tests that kill it (SIGKILL) mid-job. Lock timings come from the
 * test so that a killed worker's job is seen as stalled in seconds rather than BullMQ's default 30 s.
 */
createWorker(loadConfig(), {
  lockDurationMs: Number(process.env.TEST_WORKER_LOCK_MS ?? 30_000),
  stalledIntervalMs: Number(process.env.TEST_WORKER_STALLED_MS ?? 30_000),
}).then(
  () => process.send?.('ready'),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
