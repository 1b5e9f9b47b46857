import { EmailHandler } from '@forum/notifications';
import { Factories, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { forkWorkerProcess, notifyAgendaPublished as notify } from '../support/test-notifications';
import { startTestSmtp, TestSmtp } from '../support/test-smtp';
import { waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(90_000));

const addressedTo = (raw: string, official: TestOfficial) => new RegExp(`^To: ${official.email.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi').test(raw);
const emailsTo = (smtp: TestSmtp, official: TestOfficial) => smtp.messages.filter((m) => m.to.includes(official.email));

/** The emails of one notification's recipients go in one job; what each recipient gets is decided per recipient. */
describe('notification emails in batches', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let f: Factories;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({ env: { EMAIL_BACKOFF_MS: '100', EMAIL_BACKOFF_MAX_MS: '400', DELIVERY_SWEEP_MS: '300', DELIVERY_GRACE_MS: '500' } });
    worker = await startTestWorker(t, { smtpUrl: smtp.url });
    f = new Factories(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.close();
  });

  it('sends the batch once, and retries a refused recipient alone, as a delivery of its own, until it is accepted', async () => {
    const governmentId = (await f.government()).id;
    const officials = [await f.official(governmentId), await f.official(governmentId), await f.official(governmentId), await f.official(governmentId)];
    const refusing = officials[1];
    let refusals = 0;
    smtp.onMessage = (raw) => {
      if (addressedTo(raw, refusing) && refusals < 3) {
        refusals++;
        throw Object.assign(new Error('Mailbox busy'), { responseCode: 450 });
      }
    };
    await notify(t, 'batch-refused', governmentId);
    await waitUntil(() => emailsTo(smtp, refusing).length > 0, 30_000, 'the refused recipient’s email, retried');
    await waitUntil(
      async () => (await t.dataSource.query(`SELECT 1 FROM delivery WHERE queue = 'email' AND status <> 'sent'`)).length === 0,
      20_000,
      'every email delivery sent',
    );
    await worker.settled();
    expect(refusals).toBe(3);
    for (const official of officials) expect(emailsTo(smtp, official)).toHaveLength(1);

    const [notification] = await t.dataSource.query(`SELECT id, email_job_id FROM notification WHERE user_id = $1 AND key = 'batch-refused'`, [refusing.id]);
    expect(notification.email_job_id).toBe(`email-${notification.id}`);
    const deliveries: { job_id: string; name: string; attempts: number; data: Record<string, unknown> }[] = await t.dataSource.query(
      `SELECT job_id, name, attempts, data FROM delivery WHERE queue = 'email' AND (data->'notificationIds' ? $1 OR data->>'notificationId' = $1)`,
      [notification.id],
    );
    const batch = deliveries.find((d) => d.name === 'notification-emails')!;
    expect(batch.data.notificationIds).toHaveLength(officials.length);
    expect(batch.attempts).toBe(1);
    // the refused recipient's own delivery: refused once in the batch, then twice on its own, accepted at its third attempt
    expect(deliveries.find((d) => d.name === 'notification-email')).toMatchObject({ job_id: `email-${notification.id}`, attempts: 3 });
  });

  it('retries the whole batch when every recipient is refused (the server, not an address)', async () => {
    const governmentId = (await f.government()).id;
    const officials = [await f.official(governmentId), await f.official(governmentId)];
    let refusals = 0;
    smtp.onMessage = (raw) => {
      if (officials.some((o) => addressedTo(raw, o)) && refusals < 4) {
        refusals++;
        throw Object.assign(new Error('Service temporarily unavailable'), { responseCode: 451 });
      }
    };
    await notify(t, 'batch-server-down', governmentId);
    await waitUntil(() => officials.every((o) => emailsTo(smtp, o).length > 0), 30_000, 'both emails once the server accepts');
    await worker.settled();
    for (const official of officials) expect(emailsTo(smtp, official)).toHaveLength(1);
    const deliveries = await t.dataSource.query(
      `SELECT d.name, d.status, d.attempts FROM delivery d JOIN notification n ON d.data->'notificationIds' ? n.id::text OR d.data->>'notificationId' = n.id::text
        WHERE n.key = 'batch-server-down'`,
    );
    expect(new Set(deliveries.map((d: any) => d.name))).toEqual(new Set(['notification-emails']));
    expect(deliveries[0].status).toBe('sent');
    expect(deliveries[0].attempts).toBeGreaterThanOrEqual(2);
  });

  it('lets one attempt of a batch send at a time: a second one (its job added again after Redis lost it) waits, then gives way', async () => {
    const governmentId = (await f.government()).id;
    const officials = [await f.official(governmentId), await f.official(governmentId)];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let held = 0;
    smtp.onMessage = async (raw) => {
      if (!officials.some((o) => addressedTo(raw, o))) return;
      held++;
      await gate;
    };
    await notify(t, 'batch-twice', governmentId);
    await waitUntil(() => held === officials.length, 20_000, 'the batch’s emails held in the SMTP conversation');
    const [batch] = await t.dataSource.query(
      `SELECT d.job_id, d.data FROM delivery d JOIN notification n ON d.data->'notificationIds' ? n.id::text WHERE n.key = 'batch-twice' LIMIT 1`,
    );
    const email = worker.app.get(EmailHandler);
    const second = email.handle('notification-emails', batch.data, batch.job_id);
    await expect(second).rejects.toThrow(/another attempt is still sending/);
    expect(held).toBe(officials.length);
    open();
    await waitUntil(() => officials.every((o) => emailsTo(smtp, o).length > 0), 20_000, 'the batch’s emails');
    await worker.settled();
    // once the first is done, an attempt of the same batch finds nothing left to send
    expect(await email.handle('notification-emails', batch.data, batch.job_id)).toEqual({ sent: 0, handedOver: 0 });
    for (const official of officials) expect(emailsTo(smtp, official)).toHaveLength(1);
  });

  it('does not send an email another job holds (a batch added twice, or with a recipient handed over)', async () => {
    const governmentId = (await f.government()).id;
    const official = await f.official(governmentId);
    smtp.onMessage = undefined;
    await notify(t, 'batch-held', governmentId);
    await waitUntil(() => emailsTo(smtp, official).length > 0, 20_000, 'the email');
    await worker.settled();
    const [n] = await t.dataSource.query(`SELECT id FROM notification WHERE user_id = $1 AND key = 'batch-held'`, [official.id]);
    // as if another job held it, and it were not sent yet: the batch finds nothing of its own to send
    await t.dataSource.query(`UPDATE notification SET emailed_at = NULL, email_job_id = 'email-someone-else' WHERE id = $1`, [n.id]);
    const email = worker.app.get(EmailHandler);
    expect(await email.handle('notification-emails', { notificationIds: [n.id] }, 'emails-another-batch')).toEqual({ sent: 0, handedOver: 0 });
    expect(emailsTo(smtp, official)).toHaveLength(1);
  });
});

describe('notification emails in batches: the worker killed in the middle of a batch', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let f: Factories;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('re-runs the batch on another worker and sends only what was not accepted: nobody twice', async () => {
    const governmentId = (await f.government()).id;
    const officials = [await f.official(governmentId), await f.official(governmentId), await f.official(governmentId)];
    const held = officials[2];
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let inFlight = false;
    // The batch's other sends are accepted; this one hangs inside the SMTP conversation, where the worker gets killed.
    smtp.onMessage = async (raw) => {
      if (!addressedTo(raw, held) || inFlight) return;
      inFlight = true;
      await holding;
      throw new Error('the sending worker is gone');
    };

    const child = await forkWorkerProcess(t, smtp.url);
    let second: TestWorker | null = null;
    try {
      await notify(t, 'batch-killed', governmentId);
      const accepted = officials.filter((o) => o !== held);
      await waitUntil(
        async () =>
          inFlight &&
          (
            await t.dataSource.query(`SELECT 1 FROM notification WHERE key = 'batch-killed' AND emailed_at IS NOT NULL AND user_id = ANY($1::uuid[])`, [
              accepted.map((o) => o.id),
            ])
          ).length === accepted.length,
        20_000,
        'the batch’s other emails accepted and recorded, one held in the SMTP conversation',
      );
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      release();

      second = await startTestWorker(t, { smtpUrl: smtp.url, tuning: { lockDurationMs: 2000, stalledIntervalMs: 1000 } });
      await waitUntil(() => emailsTo(smtp, held).length > 0, 20_000, 'the held email, sent by the re-run batch');
      await second.settled();
      for (const official of officials) expect(emailsTo(smtp, official)).toHaveLength(1);
      const rows = await t.dataSource.query(`SELECT emailed_at FROM notification WHERE key = 'batch-killed'`);
      expect(rows).toHaveLength(officials.length);
      expect(rows.every((r: any) => r.emailed_at !== null)).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      release();
      await second?.close();
    }
  });
});
