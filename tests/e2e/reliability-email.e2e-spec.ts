import { Factories, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { notifyAgendaPublished as notify } from '../support/test-notifications';
import { startTestSmtp, TestSmtp } from '../support/test-smtp';
import { sleep, waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(120_000));

/**
 * Email that heals: an SMTP server that hangs, then refuses for a while (the test configuration shortens
 * the SMTP timeouts and the backoff: seconds stand for the minutes of production), then recovers:
 * every email arrives once, none is left failed.
 */
describe('reliability: email through a hanging, then refusing SMTP server', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let officials: TestOfficial[];
  let governmentId: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({
      env: {
        SMTP_CONNECTION_TIMEOUT_MS: '1000',
        SMTP_GREETING_TIMEOUT_MS: '1000',
        SMTP_SOCKET_TIMEOUT_MS: '1000',
        EMAIL_BACKOFF_MS: '100',
        EMAIL_BACKOFF_MAX_MS: '800',
        EMAIL_ATTEMPTS: '200',
        DELIVERY_SWEEP_MS: '300',
        DELIVERY_GRACE_MS: '500',
      },
    });
    worker = await startTestWorker(t, { smtpUrl: smtp.url });
    const f = new Factories(t);
    governmentId = (await f.government()).id;
    officials = [await f.official(governmentId), await f.official(governmentId)];
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.close();
  });

  it('delivers every email exactly once after the server recovers, none left failed', async () => {
    // 1. The server hangs inside the conversation: nodemailer's socket timeout (1 s here) gives up.
    const hung: (() => void)[] = [];
    let phase: 'hang' | 'refuse' | 'accept' = 'hang';
    let refused = 0;
    smtp.onMessage = () => {
      if (phase === 'hang') return new Promise<void>((_, reject) => hung.push(() => reject(new Error('gave up'))));
      if (phase === 'refuse') {
        refused++;
        throw Object.assign(new Error('Service temporarily unavailable'), { responseCode: 451 });
      }
    };
    const events = 8;
    for (let i = 0; i < events; i++) await notify(t, `smtp-${i}`, governmentId);
    await waitUntil(() => hung.length >= 3, 20_000, 'emails hanging in the SMTP conversation');
    await waitUntil(
      async () => (await t.dataSource.query(`SELECT 1 FROM delivery WHERE queue = 'email' AND attempts >= 2`)).length > 0,
      20_000,
      'an attempt timed out and was retried',
    );
    // 2. The server refuses for a while.
    phase = 'refuse';
    await waitUntil(() => refused >= 20, 30_000, 'a series of refusals');
    expect(smtp.messages).toEqual([]);
    // 3. It recovers.
    phase = 'accept';
    const expected = events * officials.length;
    await waitUntil(() => new Set(smtp.messages.map((m) => m.messageId)).size >= expected, 60_000, `${expected} emails`);
    await waitUntil(
      async () => (await t.dataSource.query(`SELECT 1 FROM delivery WHERE queue = 'email' AND status <> 'sent'`)).length === 0,
      20_000,
      'every email delivery sent',
    );
    hung.forEach((reject) => reject());
    await sleep(1000);
    const ids = smtp.messages.map((m) => m.messageId);
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    expect(await t.dataSource.query(`SELECT 1 FROM delivery WHERE status = 'failed'`)).toEqual([]);
    const rows = await t.dataSource.query(`SELECT emailed_at FROM notification WHERE user_id = ANY($1::uuid[])`, [officials.map((o) => o.id)]);
    expect(rows).toHaveLength(expected);
    expect(rows.every((r: any) => r.emailed_at !== null)).toBe(true);
  });
});
