import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { DEFAULT_JOB_OPTIONS, redisConnectionOptions } from '@forum/core';
import { sleep } from './child-processes';

export interface SmtpSink {
  url: string;
  received: number;
  /** messages carrying the marker: the bench's own, not those the product sends on its own meanwhile */
  marked: number;
  lastAt: number;
  close(): Promise<void>;
}

/** A local SMTP server that accepts every message and only counts it: the sink costs next to nothing. */
export async function startSmtpSink(marker: string): Promise<SmtpSink> {
  const sink: SmtpSink = { url: '', received: 0, marked: 0, lastAt: 0, close: async () => undefined };
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
    return { jobs: expected, done: state.done, seconds: Math.round(seconds * 100) / 100, jobsPerSecond: Math.round(state.done / seconds) };
  } finally {
    await queue.close();
  }
}

/** Median time of one email sent alone to the sink, without and with a pooled connection: the floor under each email job. */
export async function smtpSendFloorMs(url: string): Promise<{ unpooledMs: number; pooledMs: number }> {
  const median = async (transportUrl: string) => {
    const transport = nodemailer.createTransport(transportUrl);
    const times: number[] = [];
    try {
      for (let i = 0; i < 9; i++) {
        const t0 = performance.now();
        await transport.sendMail({ from: 'bench@forum.local', to: 'floor@forum.local', subject: 'floor', text: 'floor', html: '<p>floor</p>' });
        times.push(performance.now() - t0);
      }
    } finally {
      transport.close();
    }
    return Math.round(times.sort((a, b) => a - b)[4] * 10) / 10;
  };
  return { unpooledMs: await median(url), pooledMs: await median(`${url}/?pool=true`) };
}
