import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import { DEFAULT_JOB_OPTIONS, loadConfig, redisConnectionOptions } from '@forum/core';
import { Mailer } from '../libs/notifications/src/mailer.service';
import { sleep } from './child-processes';

export interface SmtpSink {
  url: string;
  received: number;
  /** messages carrying the marker: the bench's own, not those the product sends on its own meanwhile */
  marked: number;
  lastAt: number;
  /** when each marked message arrived (performance.now()): how the emails spread over the run */
  markedAt: number[];
  close(): Promise<void>;
}

/** A local SMTP server that accepts every message and only counts it: the sink costs next to nothing. */
export async function startSmtpSink(marker: string): Promise<SmtpSink> {
  const sink: SmtpSink = { url: '', received: 0, marked: 0, lastAt: 0, markedAt: [], close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    // A reverse DNS lookup per connection would make the sink, not the product, the bottleneck.
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        sink.received++;
        if (head.includes(marker)) {
          sink.marked++;
          sink.lastAt = performance.now();
          sink.markedAt.push(sink.lastAt);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

export interface ThroughputResult {
  jobs: number;
  done: number;
  seconds: number;
  jobsPerSecond: number;
  /** performance.now() when the jobs were added */
  startedAt: number;
}

/** Adds the jobs in one bulk and waits (bounded) until `doneCount` reaches `expected`. */
export async function queueThroughput(
  redisUrl: string,
  prefix: string,
  queueName: string,
  jobs: { name: string; data: Record<string, unknown>; jobId: string }[],
  expected: number,
  doneCount: (queue: Queue) => Promise<{ done: number; lastAt?: number }>,
  timeoutMs: number,
): Promise<ThroughputResult> {
  const queue = new Queue(queueName, { connection: redisConnectionOptions(redisUrl), prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  try {
    await queue.waitUntilReady();
    const t0 = performance.now();
    await queue.addBulk(jobs.map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId } })));
    const deadline = Date.now() + timeoutMs;
    let state = await doneCount(queue);
    while (state.done < expected && Date.now() < deadline) {
      await sleep(20);
      state = await doneCount(queue);
    }
    const end = state.done >= expected && state.lastAt ? state.lastAt : performance.now();
    const seconds = (end - t0) / 1000;
    return { jobs: expected, done: state.done, seconds: Math.round(seconds * 100) / 100, jobsPerSecond: Math.round(state.done / seconds), startedAt: t0 };
  } finally {
    await queue.close();
  }
}

/**
 * Median time of one email sent alone to the sink through the product's own transport (`Mailer`: pooled, Nagle
 * off), opened afresh each time and over one open connection: the floor under each email job.
 */
export async function smtpSendFloorMs(url: string): Promise<{ unpooledMs: number; pooledMs: number }> {
  const email = (i: number) => ({ to: 'floor@forum.local', subject: 'floor', text: 'floor', html: '<p>floor</p>', messageId: `<floor-${i}@forum.local>` });
  const median = (times: number[]) => Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)] * 10) / 10;
  const fresh: number[] = [];
  for (let i = 0; i < 9; i++) {
    const mailer = new Mailer(loadConfig({ SMTP_URL: url }));
    const t0 = performance.now();
    await mailer.send(email(i));
    fresh.push(performance.now() - t0);
    mailer.onApplicationShutdown();
  }
  const mailer = new Mailer(loadConfig({ SMTP_URL: url }));
  const pooled: number[] = [];
  try {
    await mailer.send(email(100));
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      await mailer.send(email(200 + i));
      pooled.push(performance.now() - t0);
    }
  } finally {
    mailer.onApplicationShutdown();
  }
  return { unpooledMs: median(fresh), pooledMs: median(pooled) };
}
