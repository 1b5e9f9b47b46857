import { relayPlan } from './relay-plan';

const base = {
  id: '42',
  name: 'meeting.updated',
  payload: { id: 'm', bodyId: 'b' },
  audience: { kind: 'body', bodyId: 'b' } as const,
  notify: null,
  jobs: null,
};

describe('relay plan', () => {
  it('sends a body event to the realtime queue under an id derived from the event', () => {
    expect(relayPlan(base, 0)).toEqual([
      {
        queue: 'realtime',
        name: 'meeting.updated',
        data: { eventId: '42', name: 'meeting.updated', payload: base.payload, audience: base.audience },
        opts: { jobId: 'evt-42-realtime' },
      },
    ]);
  });

  it('adds a notify job only when someone is to be told, and nothing realtime for a private event', () => {
    const notify = [{ category: 'account' as const, key: 'k', recipients: { userIds: ['u'] }, subject: { en: 's', fr: 's' }, body: { en: 'b', fr: 'b' } }];
    const steps = relayPlan({ ...base, audience: { kind: 'none' }, notify }, 0);
    expect(steps.map((s) => [s.queue, s.opts.jobId])).toEqual([['notifications', 'evt-42-notify']]);
  });

  it('delays a job intent until its time and keeps its idempotency key usable by BullMQ', () => {
    const steps = relayPlan(
      {
        ...base,
        audience: { kind: 'none' },
        jobs: [{ queue: 'schedule', name: 'publish', jobId: 'embargo:c1', runAt: new Date(5000).toISOString(), data: { id: 'c1' } }],
      },
      2000,
    );
    expect(steps).toEqual([{ queue: 'schedule', name: 'publish', data: { id: 'c1' }, opts: { jobId: 'embargo-c1', delay: 3000 } }]);
  });

  it('runs a job whose time has passed at once', () => {
    const steps = relayPlan(
      { ...base, audience: { kind: 'none' }, jobs: [{ queue: 'email', name: 'x', jobId: 'j', runAt: new Date(0).toISOString(), data: {} }] },
      10_000,
    );
    expect(steps[0].opts).toEqual({ jobId: 'j' });
  });
});
