import { MeetingReason } from '@forum/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BodyAccess, BodyRepository } from '@forum/bodies';
import { bilingual, Caller, conflict, EventRecorder, forbidden, invalid, isSecretariat, notFound, readBilingual } from '@forum/core';
import { RecordReason } from '@forum/contracts';
import type { AttendanceView, Locale, Page } from '@forum/contracts';
import { ActionItemsService } from '@forum/action-items';
import { UserRepository } from '@forum/identity';
import type { MeetingDecision } from './meeting-decision.entity';
import { ActionItemFromDecisionDto, CreateDecisionDto, RecordAttendanceDto, RecordPositionDto } from './meeting.dto';
import { consensusOf } from './consensus.rule';
import { DecisionPositionRepository } from './meeting-record.repository';
import { MeetingMinutesService } from './meeting-minutes.service';
import { requireTakingPlace } from './meeting-status.rule';
import { AgendaItemRepository, AttendanceRepository, MeetingDecisionRepository, MeetingRepository } from './meeting.repository';
import { MeetingAccess } from './meeting-access.service';
import { MeetingInvitees } from './meeting-invitees.service';
import type { Meeting } from './meeting.entity';
import { DecisionRecordView, DecisionView, PositionView, toDecisionView, toPositionView } from './meeting.view';
import { quorumOf } from './quorum.rule';

export type { AttendanceView } from '@forum/contracts';

export type DecisionLineageView = DecisionRecordView & {
  lineage: {
    /** the decisions this one took up, nearest first (working group → ADM table → DM table reads upwards) */
    origins: DecisionView[];
    /** decisions of the parent body that took this one up after referral */
    takenUpBy: DecisionView[];
  };
};

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
    private readonly positions: DecisionPositionRepository,
    private readonly minutes: MeetingMinutesService,
  ) {}

  async attendanceOf(caller: Caller, meetingId: string): Promise<AttendanceView> {
    const meeting = await this.meetingAccess.readable(caller, meetingId);
    return this.attendanceView(meeting);
  }

  async recordAttendance(caller: Caller, meetingId: string, governmentId: string, dto: RecordAttendanceDto): Promise<AttendanceView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, meetingId, em);
      requireTakingPlace(meeting);
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
        [
          {
            name: 'meeting.updated',
            payload: { id: meeting.id, bodyId: meeting.bodyId },
            audience: { kind: 'body', bodyId: meeting.bodyId },
            context: { change: 'attendance', governmentId },
          },
        ],
      );
      return this.attendanceView(meeting, em);
    });
  }

  async decisionsOf(caller: Caller, meetingId: string): Promise<Page<DecisionRecordView>> {
    const meeting = await this.meetingAccess.readable(caller, meetingId);
    const items = await this.decisionRecord(meeting, caller.locale);
    return { items, total: items.length };
  }

  /**
   * The decisions of a meeting with each government's current position and whether consensus holds: what the
   * record of decisions (and record.pdf) prints. Read by id, for other services, after their own access check.
   */
  async decisionRecordOf(meetingId: string, reader: Locale, em?: EntityManager): Promise<DecisionRecordView[]> {
    const meeting = await this.meetings.findById(meetingId, em);
    if (!meeting) throw notFound('Meeting');
    return this.decisionRecord(meeting, reader, em);
  }

  /**
   * A government's position on a decision, by the secretariat or by that government's official (another
   * government's official 403, a stranger 404); an observer is not party to decisions (409). Each change is kept.
   */
  async recordPosition(caller: Caller, meetingId: string, decisionId: string, governmentId: string, dto: RecordPositionDto): Promise<DecisionRecordView> {
    const comment = readBilingual(dto, 'comment', caller.locale);
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.readable(caller, meetingId, em);
      if (!isSecretariat(caller) && caller.governmentId !== governmentId) throw forbidden('An official records their own government’s position');
      // positions on one decision queue on its row
      const decision = await this.decisions.lockDecision(meeting.id, decisionId, em);
      if (!decision) throw notFound('Decision');
      const seat = (await this.invitees.at(meeting.bodyId, meeting.startsAt, em)).find((s) => s.governmentId === governmentId);
      if (!seat) throw notFound('Member government');
      if (seat.role === 'observer')
        throw conflict(RecordReason.ObserverNotParty, 'An observer takes part but is not party to the body’s decisions', { governmentId });
      requireTakingPlace(meeting);
      if (await this.minutes.isAdopted(meeting.id, em)) throw conflict(RecordReason.Frozen, 'The minutes of this meeting are adopted: its record is frozen');
      const position = await this.positions.record(
        {
          decisionId: decision.id,
          meetingId: meeting.id,
          governmentId,
          position: dto.position,
          comment: comment?.text ?? bilingual(null, null),
          sourceLang: comment?.sourceLang ?? caller.locale,
          recordedByUserId: caller.userId,
        },
        new Date(),
        em,
      );
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: 'meeting.decision-position',
          entityType: 'meeting',
          entityId: meeting.id,
          changes: { decisionId, governmentId, position: dto.position, positionId: position.id },
        },
        [
          {
            name: 'decision.updated',
            payload: { id: decision.id, meetingId: meeting.id, bodyId: meeting.bodyId },
            audience: { kind: 'body', bodyId: meeting.bodyId },
            context: { change: 'position', governmentId },
          },
        ],
      );
      return (await this.decisionRecord(meeting, caller.locale, em, [decision]))[0];
    });
  }

  async positionHistory(caller: Caller, meetingId: string, decisionId: string, governmentId: string): Promise<Page<PositionView>> {
    const meeting = await this.meetingAccess.readable(caller, meetingId);
    const decision = await this.decisions.findDecision(meeting.id, decisionId);
    if (!decision) throw notFound('Decision');
    const rows = await this.positions.historyOf(decision.id, governmentId);
    return { items: rows.map((p) => toPositionView(p, caller.locale)), total: rows.length };
  }

  private async decisionRecord(meeting: Meeting, reader: Locale, em?: EntityManager, only?: MeetingDecision[]): Promise<DecisionRecordView[]> {
    const rows = only ?? (await this.decisions.ofMeeting(meeting.id, em));
    // one after the other: inside a transaction the three share its one connection
    const seats = await this.invitees.at(meeting.bodyId, meeting.startsAt, em);
    const attendance = await this.attendance.ofMeeting(meeting.id, em);
    const positions = await this.positions.currentOf(
      rows.map((d) => d.id),
      em,
    );
    const present = new Set(attendance.filter((a) => a.status === 'present').map((a) => a.governmentId));
    const consensusSeats = seats.map((s) => ({ governmentId: s.governmentId, role: s.role, present: present.has(s.governmentId) }));
    return rows.map((d) => {
      const mine = positions.filter((p) => p.decisionId === d.id);
      return { ...toDecisionView(d, reader), positions: mine.map((p) => toPositionView(p, reader)), consensus: consensusOf(consensusSeats, mine) };
    });
  }

  async recordDecision(caller: Caller, meetingId: string, dto: CreateDecisionDto): Promise<DecisionView> {
    const text = readBilingual(dto, 'text', caller.locale, { required: true })!;
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, meetingId, em);
      requireTakingPlace(meeting);
      if (await this.minutes.isAdopted(meeting.id, em)) throw conflict(RecordReason.Frozen, 'The minutes of this meeting are adopted: its record is frozen');
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
          text: text.text,
          sourceLang: text.sourceLang,
          originDecisionId: dto.originDecisionId ?? null,
          recordedByUserId: caller.userId,
        },
        em,
      );
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: 'meeting.decision-recorded',
          entityType: 'meeting',
          entityId: meeting.id,
          changes: { decisionId: decision.id, number: decision.number, ...dto },
        },
        [
          {
            name: 'meeting.updated',
            payload: { id: meeting.id, bodyId: meeting.bodyId },
            audience: { kind: 'body', bodyId: meeting.bodyId },
            context: { change: 'decision', decisionId: decision.id },
          },
          {
            name: 'decision.updated',
            payload: { id: decision.id, meetingId: meeting.id, bodyId: meeting.bodyId },
            audience: { kind: 'body', bodyId: meeting.bodyId },
            context: { change: 'recorded' },
          },
        ],
      );
      return toDecisionView(decision, caller.locale);
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
    const [withPositions] = await this.decisionRecord(meeting, caller.locale, undefined, [decision]);
    const v = (d: MeetingDecision) => toDecisionView(d, caller.locale);
    return { ...withPositions, lineage: { origins: origins.map(v), takenUpBy: takenUpBy.map(v) } };
  }

  /** Refers a decision up to the parent body (working group → ADM table → DM table), where it waits to be taken up. */
  async refer(caller: Caller, meetingId: string, decisionId: string, note?: string): Promise<DecisionView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, meetingId, em);
      const decision = await this.decisions.findDecision(meeting.id, decisionId, em);
      if (!decision) throw notFound('Decision');
      if (decision.referredToBodyId)
        throw conflict(MeetingReason.AlreadyReferred, 'This decision was already referred', { referredToBodyId: decision.referredToBodyId });
      const body = (await this.bodies.findById(meeting.bodyId, em))!;
      if (!body.parentId) throw conflict(MeetingReason.NoParentBody, `${body.name.en ?? body.name.fr} has no parent body to refer to`);
      decision.referredToBodyId = body.parentId;
      decision.referredAt = new Date();
      decision.referredByUserId = caller.userId;
      decision.referralNote = note?.trim() || null;
      await this.decisions.save(decision, em);
      await this.events.record(
        em,
        {
          actorUserId: caller.userId,
          action: 'meeting.decision-referred',
          entityType: 'meeting',
          entityId: meeting.id,
          changes: { decisionId, toBodyId: body.parentId, note: decision.referralNote },
        },
        [
          {
            name: 'meeting.updated',
            payload: { id: meeting.id, bodyId: meeting.bodyId },
            audience: { kind: 'body', bodyId: meeting.bodyId },
            context: { change: 'decision.referred', decisionId },
          },
          {
            name: 'decision.referred',
            payload: { id: decision.id, meetingId: meeting.id, bodyId: body.parentId, fromBodyId: meeting.bodyId },
            audience: { kind: 'body', bodyId: body.parentId },
          },
        ],
      );
      return toDecisionView(decision, caller.locale);
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
    return { items: rows.map((d) => toDecisionView(d, caller.locale)), total };
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
