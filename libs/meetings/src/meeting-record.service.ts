import { MeetingReason } from '@forum/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BodyAccess, BodyRepository } from '@forum/bodies';
import { Caller, conflict, EventRecorder, invalid, notFound } from '@forum/core';
import type { AttendanceView, Page } from '@forum/contracts';
import { ActionItemsService } from '@forum/action-items';
import { UserRepository } from '@forum/identity';
import type { MeetingDecision } from './meeting-decision.entity';
import { ActionItemFromDecisionDto, CreateDecisionDto, RecordAttendanceDto } from './meeting.dto';
import { AgendaItemRepository, AttendanceRepository, MeetingDecisionRepository, MeetingRepository } from './meeting.repository';
import { MeetingAccess } from './meeting-access.service';
import { MeetingInvitees } from './meeting-invitees.service';
import type { Meeting } from './meeting.entity';
import { DecisionView, toDecisionView } from './meeting.view';
import { quorumOf } from './quorum.rule';

export type { AttendanceView } from '@forum/contracts';


export interface DecisionLineageView extends DecisionView {
  lineage: {
    /** the decisions this one took up, nearest first (working group → ADM table → DM table reads upwards) */
    origins: DecisionView[];
    /** decisions of the parent body that took this one up after referral */
    takenUpBy: DecisionView[];
  };
}

/** What happens at and after a meeting: attendance and quorum, minutes, numbered decisions and their referral upwards. */
@Injectable()
export class MeetingRecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingRepository,
    private readonly attendance: AttendanceRepository,
    private readonly decisions: MeetingDecisionRepository,
    private readonly agenda: AgendaItemRepository,
    private readonly meetingAccess: MeetingAccess,
    private readonly invitees: MeetingInvitees,
    private readonly access: BodyAccess,
    private readonly bodies: BodyRepository,
    private readonly users: UserRepository,
    private readonly events: EventRecorder,
    private readonly actionItems: ActionItemsService,
  ) {}

  async attendanceOf(caller: Caller, meetingId: string): Promise<AttendanceView> {
    const meeting = await this.meetingAccess.readable(caller, meetingId);
    return this.attendanceView(meeting);
  }

  async recordAttendance(caller: Caller, meetingId: string, governmentId: string, dto: RecordAttendanceDto): Promise<AttendanceView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, meetingId, em);
      this.requireTakingPlace(meeting);
      const seats = await this.invitees.at(meeting.bodyId, meeting.startsAt, em);
      if (!seats.some((s) => s.governmentId === governmentId)) throw notFound('Invited government');
      const delegateUserIds = [...new Set(dto.delegateUserIds ?? [])];
      if (dto.status !== 'present' && delegateUserIds.length) throw invalid(['delegateUserIds are only for a government that is present']);
      const users = await this.users.findByIds(delegateUserIds, em);
      const wrong = delegateUserIds.filter((id) => users.find((u) => u.id === id)?.governmentId !== governmentId);
      if (wrong.length) throw invalid([`delegateUserIds must name officials of that government: ${wrong.join(', ')}`]);
      await this.attendance.upsert({ meetingId: meeting.id, governmentId, status: dto.status, delegateUserIds, recordedByUserId: caller.userId }, em);
      await this.events.record(
        em,
        { actorUserId: caller.userId, action: 'meeting.attendance-recorded', entityType: 'meeting', entityId: meeting.id, changes: { governmentId, ...dto } },
        [{ name: 'meeting.updated', payload: { id: meeting.id, bodyId: meeting.bodyId }, audience: { kind: 'body', bodyId: meeting.bodyId }, context: { change: 'attendance', governmentId } }],
      );
      return this.attendanceView(meeting, em);
    });
  }

  async recordMinutes(caller: Caller, meetingId: string, text: string): Promise<{ meetingId: string; minutes: string | null; minutesUpdatedAt: string | null }> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, meetingId, em);
      this.requireTakingPlace(meeting);
      meeting.minutes = text.trim() || null;
      meeting.minutesUpdatedAt = new Date();
      await this.meetings.save(meeting, em);
      await this.events.record(
        em,
        { actorUserId: caller.userId, action: 'meeting.minutes-recorded', entityType: 'meeting', entityId: meeting.id, changes: { length: text.length } },
        [{ name: 'meeting.updated', payload: { id: meeting.id, bodyId: meeting.bodyId }, audience: { kind: 'body', bodyId: meeting.bodyId }, context: { change: 'minutes' } }],
      );
      return { meetingId: meeting.id, minutes: meeting.minutes, minutesUpdatedAt: meeting.minutesUpdatedAt.toISOString() };
    });
  }

  async decisionsOf(caller: Caller, meetingId: string): Promise<Page<DecisionView>> {
    const meeting = await this.meetingAccess.readable(caller, meetingId);
    const rows = await this.decisions.ofMeeting(meeting.id);
    return { items: rows.map(toDecisionView), total: rows.length };
  }

  async recordDecision(caller: Caller, meetingId: string, dto: CreateDecisionDto): Promise<DecisionView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, meetingId, em);
      this.requireTakingPlace(meeting);
      if (dto.agendaItemId && !(await this.agenda.findInMeeting(meeting.id, dto.agendaItemId, em))) {
        throw invalid(['agendaItemId must name an item of this meeting’s agenda']);
      }
      if (dto.originDecisionId) {
        const origin = await this.decisions.findById(dto.originDecisionId, em);
        if (!origin || origin.referredToBodyId !== meeting.bodyId) throw invalid(['originDecisionId must name a decision referred to this body']);
      }
      const decision = await this.decisions.insert(
        {
          meetingId: meeting.id,
          bodyId: meeting.bodyId,
          number: await this.decisions.nextNumber(meeting.id, em),
          agendaItemId: dto.agendaItemId ?? null,
          text: dto.text.trim(),
          originDecisionId: dto.originDecisionId ?? null,
          recordedByUserId: caller.userId,
        },
        em,
      );
      await this.events.record(
        em,
        { actorUserId: caller.userId, action: 'meeting.decision-recorded', entityType: 'meeting', entityId: meeting.id, changes: { decisionId: decision.id, number: decision.number, ...dto } },
        [{ name: 'meeting.updated', payload: { id: meeting.id, bodyId: meeting.bodyId }, audience: { kind: 'body', bodyId: meeting.bodyId }, context: { change: 'decision', decisionId: decision.id } }],
      );
      return toDecisionView(decision);
    });
  }

  async decision(caller: Caller, meetingId: string, decisionId: string): Promise<DecisionLineageView> {
    const meeting = await this.meetingAccess.readable(caller, meetingId);
    const decision = await this.decisions.findDecision(meeting.id, decisionId);
    if (!decision) throw notFound('Decision');
    const origins: MeetingDecision[] = [];
    for (let at = decision.originDecisionId, guard = 0; at && guard < 20; guard++) {
      const origin = await this.decisions.findById(at);
      if (!origin) break;
      origins.push(origin);
      at = origin.originDecisionId;
    }
    const takenUpBy = await this.decisions.takenUpFrom(decision.id);
    return { ...toDecisionView(decision), lineage: { origins: origins.map(toDecisionView), takenUpBy: takenUpBy.map(toDecisionView) } };
  }

  /** Refers a decision up to the parent body (working group → ADM table → DM table), where it waits to be taken up. */
  async refer(caller: Caller, meetingId: string, decisionId: string, note?: string): Promise<DecisionView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, meetingId, em);
      const decision = await this.decisions.findDecision(meeting.id, decisionId, em);
      if (!decision) throw notFound('Decision');
      if (decision.referredToBodyId) throw conflict(MeetingReason.AlreadyReferred, 'This decision was already referred', { referredToBodyId: decision.referredToBodyId });
      const body = (await this.bodies.findById(meeting.bodyId, em))!;
      if (!body.parentId) throw conflict(MeetingReason.NoParentBody, `${body.name.en ?? body.name.fr} has no parent body to refer to`);
      decision.referredToBodyId = body.parentId;
      decision.referredAt = new Date();
      decision.referredByUserId = caller.userId;
      decision.referralNote = note?.trim() || null;
      await this.decisions.save(decision, em);
      await this.events.record(
        em,
        { actorUserId: caller.userId, action: 'meeting.decision-referred', entityType: 'meeting', entityId: meeting.id, changes: { decisionId, toBodyId: body.parentId, note: decision.referralNote } },
        [
          { name: 'meeting.updated', payload: { id: meeting.id, bodyId: meeting.bodyId }, audience: { kind: 'body', bodyId: meeting.bodyId }, context: { change: 'decision.referred', decisionId } },
          {
            name: 'decision.referred',
            payload: { id: decision.id, meetingId: meeting.id, bodyId: body.parentId, fromBodyId: meeting.bodyId },
            audience: { kind: 'body', bodyId: body.parentId },
          },
        ],
      );
      return toDecisionView(decision);
    });
  }

  /**
   * Decision → action item in one step: the item remembers its decision and meeting, and both are
   * written in one transaction under the meeting lock.
   */
  async actionItemFromDecision(caller: Caller, meetingId: string, decisionId: string, dto: ActionItemFromDecisionDto) {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, meetingId, em);
      const decision = await this.decisions.findDecision(meeting.id, decisionId, em);
      if (!decision) throw notFound('Decision');
      return this.actionItems.createFromDecision(em, caller, { decisionId: decision.id, meetingId: meeting.id, bodyId: meeting.bodyId }, { ...dto });
    });
  }

  /** What child bodies referred to this body, newest first. */
  async referredTo(caller: Caller, bodyId: string, limit: number, offset: number): Promise<Page<DecisionView>> {
    await this.access.requireBody(bodyId);
    await this.access.requireInsideBody(caller, bodyId, 'Body');
    const [rows, total] = await this.decisions.referredTo(bodyId, limit, offset);
    return { items: rows.map(toDecisionView), total };
  }

  private requireTakingPlace(meeting: Meeting): void {
    if (meeting.status !== 'scheduled' && meeting.status !== 'held') {
      throw conflict(MeetingReason.MeetingClosed, `A ${meeting.status} meeting has no attendance, minutes or decisions`, { status: meeting.status });
    }
  }

  private async attendanceView(meeting: Meeting, em?: EntityManager): Promise<AttendanceView> {
    const seats = await this.invitees.at(meeting.bodyId, meeting.startsAt, em);
    const rows = await this.attendance.ofMeeting(meeting.id, em);
    const users = new Map((await this.users.findByIds([...new Set(rows.flatMap((r) => r.delegateUserIds))], em)).map((u) => [u.id, u]));
    const body = (await this.bodies.findById(meeting.bodyId, em))!;
    const items = seats.map((seat) => {
      const row = rows.find((r) => r.governmentId === seat.governmentId);
      return {
        governmentId: seat.governmentId,
        code: seat.government!.code,
        nameEn: seat.government!.nameEn,
        role: seat.role,
        status: row?.status ?? null,
        delegates: (row?.delegateUserIds ?? []).map((id) => ({ userId: id, displayName: users.get(id)?.displayName ?? '' })),
      };
    });
    const voting = items.filter((i) => i.role !== 'observer');
    return { meetingId: meeting.id, items, quorum: quorumOf(voting.length, voting.filter((i) => i.status === 'present').length, body.quorumPercent) };
  }
}
