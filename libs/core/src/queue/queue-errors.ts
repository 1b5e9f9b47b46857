import type { Logger } from '@nestjs/common';
import type { Queue, Worker } from 'bullmq';

/**
 * A queue or worker without an 'error' listener prints every Redis reconnection failure to stderr.
 * During an outage that is one line per retry; one warning per 10 s per queue says as much.
 */
export function logQueueErrors(emitters: (Queue | Worker)[], logger: Logger): void {
  for (const emitter of emitters) {
    let last = 0;
    (emitter as unknown as NodeJS.EventEmitter).on('error', (error: Error) => {
      if (Date.now() - last < 10_000) return;
      last = Date.now();
      logger.warn(`${emitter.name}: ${error.message}`);
    });
  }
}
