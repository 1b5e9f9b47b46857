import { startTestApp, TestApp } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

/** The worker writes its logs as the API does: with LOG_FORMAT=json, one JSON object per line. */
describe('worker logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('honours LOG_FORMAT=json', async () => {
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    });
    const worker = await startTestWorker({ config: { ...t.config, logFormat: 'json', logLevel: 'log' } }).finally(() => spy.mockRestore());
    try {
      const started = written
        .flatMap((chunk) => chunk.split('\n'))
        .filter((line) => line.includes('Worker started'))
        .map((line) => JSON.parse(line) as { message: string; context: string; level: string });
      expect(started).toEqual([expect.objectContaining({ context: 'Forum', level: 'log', message: expect.stringContaining('Worker started') })]);
    } finally {
      await worker.close();
    }
  }, 60_000);
});
