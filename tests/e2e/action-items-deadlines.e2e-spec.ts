import { waitFor } from '../support/timeouts';
import { getQueueToken } from '@nestjs/bullmq';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Job, type Queue } from 'bullmq';
import { ActionItemsWorkerModule, DeadlineScanService, SCAN_DEADLINES_JOB } from '@forum/action-items';
import { QUEUES } from '@forum/contracts';
import { DatabaseModule, EventsModule, ForumConfigModule, QueueModule, RedisModule, type ForumConfig } from '@forum/core';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** The due-soon / overdue / escalation scan, run directly at a chosen instant (the worker runs it every 15 minutes). */
describe('action items: deadline scan', () => {
  let t: TestApp;
  let f: Factories;
  let scan: DeadlineScanService;
  let parent: { id: string };
  let world: Awaited<ReturnType<Factories['bodyWith']>>;
  let items: Record<'soon' | 'late' | 'veryLate' | 'later' | 'done', { id: string }>;
  const now = new Date('2030-06-15T16:00:00Z');

  const deadlineEvents = (): Promise<
    { payload: { id: string; bodyId: string; threshold: string }; audience: { kind: string; bodyId: string }; notify: any[] | null }[]
  > => t.dataSource.query(`SELECT payload, audience, notify FROM outbox_event WHERE name = 'action-item.deadline' ORDER BY id`);

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    scan = t.app.get(DeadlineScanService);
    parent = await f.body({ kind: 'table' });
    world = await f.bodyWith({ lead: { role: 'member' }, other: { role: 'member' } }, { kind: 'working_group', parentId: parent.id });
    const lead = world.seats.lead;
    items = {
      soon: await f.actionItem(world.body.id, lead.government.id, { dueOn: '2030-06-18', responsibleUserIds: [lead.official.id] }),
      late: await f.actionItem(world.body.id, lead.government.id, { dueOn: '2030-06-14' }),
      veryLate: await f.actionItem(world.body.id, lead.government.id, { dueOn: '2030-05-31', status: 'in_progress' }),
      later: await f.actionItem(world.body.id, lead.government.id, { dueOn: '2030-06-19' }),
      done: await f.actionItem(world.body.id, lead.government.id, { dueOn: '2030-06-01', status: 'in_progress' }),
    };
    await f.moveActionItem(items.done.id, 'done');
  });
  afterAll(() => t?.close());

  it('notifies each threshold once, however often it runs', async () => {
    const first = await scan.scanDeadlines(now);
    expect(first).toEqual({ due_soon: 1, overdue: 2, escalated: 1 });
    const second = await scan.scanDeadlines(now);
    expect(second).toEqual({ due_soon: 0, overdue: 0, escalated: 0 });
    expect(await scan.scanDeadlines(new Date(now.getTime() + 15 * 60_000))).toEqual({ due_soon: 0, overdue: 0, escalated: 0 });

    const events = await deadlineEvents();
    const about = (id: string) =>
      events.filter((e) => e.payload.id === id).map((e) => `${e.payload.threshold}@${e.audience.bodyId === parent.id ? 'parent' : 'body'}`);
    expect(about(items.soon.id)).toEqual(['due_soon@body']);
    expect(about(items.late.id)).toEqual(['overdue@body']);
    expect(about(items.veryLate.id).sort()).toEqual(['escalated@body', 'escalated@parent', 'overdue@body']);
    expect(about(items.later.id)).toEqual([]);
    expect(about(items.done.id)).toEqual([]);
  });

  it('tells the named officials, else the lead government, and escalates to the secretariat', async () => {
    const events = await deadlineEvents();
    const notice = (id: string, threshold: string) => events.find((e) => e.payload.id === id && e.payload.threshold === threshold && e.notify)!.notify![0];
    expect(notice(items.soon.id, 'due_soon').recipients).toEqual({ userIds: [world.seats.lead.official.id] });
    expect(notice(items.late.id, 'overdue').recipients).toEqual({ governmentIds: [world.seats.lead.government.id] });
    const [admin] = await t.dataSource.query(`SELECT id FROM user_account WHERE role = 'secretariat'`);
    expect(notice(items.veryLate.id, 'escalated').recipients.userIds).toContain(admin.id);
    expect(notice(items.veryLate.id, 'escalated').category).toBe('action_items');
  });

  it('flags the escalated item on the parent body', async () => {
    const item = (await t.http.get(`/api/v1/action-items/${items.veryLate.id}`, t.adminToken)).body;
    expect(item.escalatedToBodyId).toBe(parent.id);
    expect(item.escalatedAt).toBe(now.toISOString());
    const report = (await t.http.get(`/api/v1/bodies/${parent.id}/accountability`, t.adminToken)).body;
    expect(report.escalated.map((e: { id: string }) => e.id)).toEqual([items.veryLate.id]);
    const moved = await t.http.patch(`/api/v1/action-items/${item.id}`, { version: item.version, dueOn: '2030-07-31' }, t.adminToken);
    expect(moved.body).toMatchObject({ escalatedAt: null, escalatedToBodyId: null });
    expect((await t.http.get(`/api/v1/bodies/${parent.id}/accountability`, t.adminToken)).body.escalated).toEqual([]);
  });

  it('starts afresh when the due date moves', async () => {
    const current = (await t.http.get(`/api/v1/action-items/${items.soon.id}`, t.adminToken)).body;
    // the due date is the secretariat's (the lead official's PATCH of it is a 403)
    const moved = await t.http.patch(`/api/v1/action-items/${items.soon.id}`, { version: current.version, dueOn: '2030-06-16' }, t.adminToken);
    expect(moved.status).toBe(200);
    expect(await scan.scanDeadlines(now)).toEqual({ due_soon: 1, overdue: 0, escalated: 0 });
    expect(await scan.scanDeadlines(now)).toEqual({ due_soon: 0, overdue: 0, escalated: 0 });
  });

  describe('in the worker', () => {
    let worker: INestApplicationContext;
    let queue: Queue;
    beforeAll(async () => {
      @Module({})
      class WorkerUnderTest {}
      const config: ForumConfig = t.config;
      worker = await NestFactory.createApplicationContext(
        {
          module: WorkerUnderTest,
          imports: [ForumConfigModule.forRoot(config), DatabaseModule, RedisModule, EventsModule, QueueModule, ActionItemsWorkerModule],
        },
        { logger: false },
      );
      queue = worker.get<Queue>(getQueueToken(QUEUES.deadlines));
    });
    afterAll(() => worker?.close());

    const finished = async (job: Job) => {
      await waitFor(`job ${job.name} to finish`, async () => ['completed', 'failed'].includes(await job.getState()), 10_000);
      return (await Job.fromId(queue, job.id!))!;
    };

    it('repeats the scan every 15 minutes on the deadlines queue and runs it when the job comes', async () => {
      const scheduler = await queue.getJobScheduler(SCAN_DEADLINES_JOB);
      expect(scheduler).toMatchObject({ name: SCAN_DEADLINES_JOB, every: 15 * 60 * 1000 });
      const done = await finished(await queue.add(SCAN_DEADLINES_JOB, {}));
      expect(done.returnvalue).toEqual({ done: true, notified: { due_soon: 0, overdue: 0, escalated: 0 } });
      // a misrouted job fails loudly, never completed as done
      const other = await finished(await queue.add('someone-else.job', {}, { attempts: 1 }));
      expect(other.failedReason).toMatch(/does not handle someone-else.job/);
    });
  });
});
