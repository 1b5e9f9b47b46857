import { EMAIL_BATCH, emailBatchesOf } from './notification-fanout.handler';

const row = (i: number, emailedAt: Date | null = null, emailDelivery: 'immediately' | 'daily' | 'off' = 'immediately') => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  emailDelivery,
  emailedAt,
});

describe('emailBatchesOf', () => {
  const rows = Array.from({ length: EMAIL_BATCH * 2 + 3 }, (_, i) => row(i));

  it('cuts the immediate emails into batches of EMAIL_BATCH, in id order', () => {
    const batches = emailBatchesOf([...rows].reverse());
    expect(batches.map((b) => b.data.notificationIds.length)).toEqual([EMAIL_BATCH, EMAIL_BATCH, 3]);
    expect(batches.flatMap((b) => b.data.notificationIds)).toEqual(rows.map((r) => r.id));
  });

  it('names the same batches whatever the order and the progress of a retried fan-out, leaving out those already sent', () => {
    const first = emailBatchesOf(rows);
    const sentFirst = rows.map((r, i) => (i < EMAIL_BATCH ? { ...r, emailedAt: new Date() } : i === EMAIL_BATCH ? { ...r, emailedAt: new Date() } : r));
    const retried = emailBatchesOf([...sentFirst].reverse());
    expect(retried.map((b) => b.jobId)).toEqual(first.slice(1).map((b) => b.jobId));
    expect(retried[0].data.notificationIds).toEqual(first[1].data.notificationIds);
  });

  it('gives a batch holding other notifications another job id', () => {
    const [a] = emailBatchesOf(rows.slice(0, 3));
    const [b] = emailBatchesOf(rows.slice(0, 4));
    expect(a.jobId).not.toBe(b.jobId);
    expect(a.jobId).toMatch(/^emails-[0-9a-f]{32}$/);
  });

  it('leaves the daily digest and the emails turned off out', () => {
    expect(emailBatchesOf([row(1, null, 'daily'), row(2, null, 'off')])).toEqual([]);
  });
});
