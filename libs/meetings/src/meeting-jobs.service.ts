import { QUEUES } from '@forum/contracts';
import type { DomainEvent, JobIntent } from '@forum/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BodyRepository } from '@forum/bodies';
import { EventRecorder } from '@forum/core';
import { Meeting } from './meeting.entity';
import { MeetingInvitees } from './meeting-invitees.service';
import { revisedAgendaNotice } from './meeting-notifications';
import { isOver } from './meeting-status.rule';

export const MARK_HELD_JOB = 'meetings.mark-held';
export const MARK_HELD_EVERY_MS = 5 * 60 * 1000;
export const REVISED_AGENDA_JOB = 'meetings.revised-agenda';
/** how long a burst of changes to a published agenda lasts before its one notice goes */
export const REVISED_AGENDA_DELAY_MS = 10 * 60 * 1000;

/** The delayed notice of one burst: its id names the meeting and the burst, so a relay retried adds it once. */
export const revisedAgendaJob = (meetingId: string, dueAt: Date): JobIntent => ({
  queue: QUEUES.meetings,
  name: REVISED_AGENDA_JOB,
  jobId: `revised-agenda-${meetingId}-${dueAt.getTime()}`,
  runAt: dueAt.toISOString(),
  data: { meetingId, dueAt: dueAt.toISOString() },
});

/** Meetings' scheduled work: meetings become `held` once they end; a revised agenda is announced once per burst. */
@Injectable()
export class MeetingJobsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invitees: MeetingInvitees,
    private readonly bodies: BodyRepository,
    private readonly events: EventRecorder,
  ) {}

  /** Every scheduled meeting that has ended becomes `held`; several workers share the sweep (SKIP LOCKED). Returns their ids. */
  async markHeld(now = new Date()): Promise<string[]> {
    return this.dataSource.transaction(async (em) => {
      const ended = await em
        .getRepository(Meeting)
        .createQueryBuilder('m')
        .where(`m.status = 'scheduled' AND m.ends_at < :now`, { now })
        .orderBy('m.ends_at', 'ASC')
        .limit(500)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (!ended.length) return [];
      await em.getRepository(Meeting).update(
        ended.map((m) => m.id),
        { status: 'held' },
      );
      for (const m of ended) {
        await this.events.record(
          em,
          { actorUserId: null, action: 'meeting.held', entityType: 'meeting', entityId: m.id, changes: { status: { from: 'scheduled', to: 'held' } } },
          [{ name: 'meeting.updated', payload: { id: m.id, bodyId: m.bodyId }, audience: { kind: 'body', bodyId: m.bodyId }, context: { status: 'held' } }],
        );
      }
      return ended.map((m) => m.id);
    });
  }

  /** The revised-agenda notice of a burst, once: a republication since, or a notice already sent, leaves nothing to do. */
  async sendRevisedAgenda(meetingId: string, dueAt: string): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await em.getRepository(Meeting).findOne({ where: { id: meetingId }, lock: { mode: 'pessimistic_write' } });
      if (!meeting?.agendaNoticeDueAt || meeting.agendaNoticeDueAt.toISOString() !== dueAt) return false;
      const burst = meeting.agendaNoticeDueAt;
      meeting.agendaNoticeDueAt = null;
      await em.getRepository(Meeting).save(meeting);
      if (meeting.status !== 'scheduled' || isOver(meeting) || !meeting.agendaPublishedAt) return false;
      const recipients = await this.invitees.recipientsOf(meeting, em);
      const body = await this.bodies.findById(meeting.bodyId, em);
      const event: DomainEvent<'agenda.updated'> = {
        name: 'agenda.updated',
        payload: { meetingId: meeting.id, bodyId: meeting.bodyId },
        audience: { kind: 'body', bodyId: meeting.bodyId },
        context: { revised: true },
        notify: [revisedAgendaNotice(meeting, body?.name ?? '', recipients, burst)],
      };
      await this.events.record(
        em,
        { actorUserId: null, action: 'agenda.revised-notice', entityType: 'meeting', entityId: meeting.id, changes: { burst: burst.toISOString() } },
        [event],
      );
      return true;
    });
  }
}
