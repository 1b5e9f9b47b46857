import { CommonReason, MeetingReason } from '@forum/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BodyAccess, BodyRepository, Membership, requireOpenBody } from '@forum/bodies';
import { Caller, conflict, contentFor, EventRecorder, FORUM_CONFIG, type ForumConfig, invalid, isSecretariat, writeBilingual, zoneOf } from '@forum/core';
import type { DomainEvent, Locale, Page } from '@forum/contracts';
import { AgendaTranslation } from './agenda-translation.service';
import { UserRepository } from '@forum/identity';
import { CreateMeetingDto, MeetingListQuery, SlotQuery, UpdateMeetingDto } from './meeting.dto';
import { AgendaItemRepository, MeetingDelegateRepository, MeetingRepository } from './meeting.repository';
import { MeetingAccess } from './meeting-access.service';
import { meetingCalendar } from './meeting-calendar';
import { MeetingInvitees, participantOf } from './meeting-invitees.service';
import { cancellationNotice, changeNotice, invitationNotice } from './meeting-notifications';
import { canMove, isClosed, isOver } from './meeting-status.rule';
import type { Meeting } from './meeting.entity';
import { MeetingMinutesService } from './meeting-minutes.service';
import { MeetingView, MeetingWarning, toMeetingView } from './meeting.view';
import { findSlots } from './slot-finder.rule';
import { localTimes } from './working-hours.rule';
import type { SlotView } from '@forum/contracts';
export type { SlotView } from '@forum/contracts';

const MAX_MEETING_DAYS = 14;
const MAX_SLOT_SEARCH_DAYS = 92;
/** a slot search answers what it found within this much event-loop time (the contract: no request holds the loop) */
const SLOT_SEARCH_BUDGET_MS = 300;
const DAY = 24 * 3600 * 1000;

@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly meetings: MeetingRepository,
    private readonly delegates: MeetingDelegateRepository,
    private readonly agenda: AgendaItemRepository,
    private readonly invitees: MeetingInvitees,
    private readonly meetingAccess: MeetingAccess,
    private readonly access: BodyAccess,
    private readonly bodies: BodyRepository,
    private readonly users: UserRepository,
    private readonly events: EventRecorder,
    private readonly agendaTranslation: AgendaTranslation,
    private readonly minutes: MeetingMinutesService,
  ) {}

  async list(caller: Caller, query: MeetingListQuery): Promise<Page<MeetingView>> {
    const scope = await this.access.scopeOf(caller);
    const [rows, total] = await this.meetings.page(
      {
        bodyIds: scope.kind === 'all' ? null : scope.bodyIds,
        bodyId: query.bodyId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        status: query.status,
        includeDrafts: isSecretariat(caller),
        order: query.order,
      },
      query.limit,
      query.offset,
    );
    const [invitees, minutes] = await Promise.all([
      this.invitees.viewsFor(rows),
      this.minutes.summariesFor(
        caller,
        rows.map((m) => m.id),
      ),
    ]);
    return { items: rows.map((m) => toMeetingView(m, invitees.get(m.id) ?? [], undefined, caller.locale, minutes.get(m.id))), total };
  }

  async get(caller: Caller, id: string): Promise<MeetingView> {
    const meeting = await this.meetingAccess.readable(caller, id);
    return this.view(meeting, undefined, await this.storedWarnings(meeting), caller);
  }

  /**
   * The scheduling warnings kept with the meeting; when the invitees changed since (a government joined or
   * left the body), they are computed again for the governments invited now.
   */
  private async storedWarnings(meeting: Meeting): Promise<MeetingWarning[]> {
    if (meeting.status === 'cancelled' || isClosed(meeting.status)) return [];
    const seats = await this.invitees.at(meeting.bodyId, meeting.startsAt);
    const invitees = seats.map((s) => s.governmentId).sort();
    const stored = meeting.schedulingWarnings;
    if (stored && stored.invitees.join() === invitees.join()) return stored.items;
    const delegateIds = (await this.delegates.ofMeetings([meeting.id])).map((d) => d.userId);
    return this.invitees.warningsFor(meeting.id, meeting.startsAt, meeting.endsAt, seats, delegateIds);
  }

  async create(caller: Caller, dto: CreateMeetingDto): Promise<MeetingView> {
    if (!isSecretariat(caller)) await this.access.requireSecretariatInBody(caller, dto.bodyId, 'Body');
    const { start, end } = this.checkTimes(dto.startsAt, dto.endsAt);
    return this.dataSource.transaction(async (em) => {
      const body = await this.bodies.findById(dto.bodyId, em);
      if (!body) throw invalid(['bodyId does not name an existing body']);
      requireOpenBody(body);
      const seats = await this.invitees.at(body.id, start, em);
      const delegates = await this.resolveDelegates(dto.delegateUserIds ?? [], seats, em);
      const texts = { sourceLang: caller.locale } as Pick<Meeting, 'title' | 'sourceLang'>;
      writeBilingual(texts, dto, ['title'], caller.locale, { create: true, required: ['title'] });
      const meeting = await this.meetings.insert(
        {
          bodyId: body.id,
          ...texts,
          startsAt: start,
          endsAt: end,
          location: dto.location?.trim() || null,
          videoUrl: dto.videoUrl ?? null,
          status: dto.status ?? 'scheduled',
          sequence: 0,
          createdByUserId: caller.userId,
        },
        em,
      );
      await this.delegates.replace(meeting.id, delegates, em);
      const warnings = await this.invitees.warningsFor(
        meeting.id,
        start,
        end,
        seats,
        delegates.map((d) => d.userId),
        em,
      );
      meeting.schedulingWarnings = { invitees: seats.map((s) => s.governmentId).sort(), items: warnings };
      await this.meetings.save(meeting, em);
      const to = { governmentIds: seats.map((s) => s.governmentId), userIds: delegates.map((d) => d.userId) };
      const event: DomainEvent<'meeting.created'> = {
        name: 'meeting.created',
        payload: { id: meeting.id, bodyId: body.id },
        // a draft is the secretariat's only: its events reach no member's socket
        audience: meeting.status === 'draft' ? { kind: 'none' } : { kind: 'body', bodyId: body.id },
        context: { status: meeting.status },
        notify: meeting.status === 'scheduled' && !isOver(meeting) ? [invitationNotice(meeting, body.name, to)] : [],
      };
      await this.events.record(
        em,
        { actorUserId: caller.userId, action: 'meeting.created', entityType: 'meeting', entityId: meeting.id, changes: { ...dto } },
        [event],
      );
      return this.view(meeting, em, warnings, caller);
    });
  }

  async update(caller: Caller, id: string, dto: UpdateMeetingDto): Promise<MeetingView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await this.meetingAccess.writable(caller, id, em);
      if (dto.bodyId !== undefined && dto.bodyId !== meeting.bodyId) throw invalid(['bodyId cannot change: a meeting belongs to its body']);
      const before = { ...meeting };
      const statusChange = dto.status !== undefined && dto.status !== meeting.status ? dto.status : null;
      if (statusChange && !canMove(meeting.status, statusChange)) {
        throw conflict(CommonReason.IllegalTransition, `A ${meeting.status} meeting cannot become ${statusChange}`, { status: meeting.status });
      }
      if (dto.status === meeting.status && isClosed(meeting.status))
        throw conflict(CommonReason.IllegalTransition, `This meeting is already ${meeting.status}`, { status: meeting.status });
      const edits = ['title', 'titleEn', 'titleFr', 'startsAt', 'endsAt', 'location', 'videoUrl', 'delegateUserIds'].filter(
        (k) => dto[k as keyof UpdateMeetingDto] !== undefined,
      );
      if (isClosed(meeting.status) && edits.length)
        throw conflict(MeetingReason.MeetingClosed, `This meeting is ${meeting.status}; it no longer changes`, { status: meeting.status });

      const { start, end } = this.checkTimes(dto.startsAt ?? meeting.startsAt.toISOString(), dto.endsAt ?? meeting.endsAt.toISOString());
      const titleSent = writeBilingual(meeting, dto, ['title'], caller.locale).length > 0;
      if (dto.location !== undefined) meeting.location = dto.location?.trim() || null;
      if (dto.videoUrl !== undefined) meeting.videoUrl = dto.videoUrl;
      meeting.startsAt = start;
      meeting.endsAt = end;
      const timeChanged = before.startsAt.getTime() !== start.getTime() || before.endsAt.getTime() !== end.getTime();
      const placeChanged = before.location !== meeting.location || before.videoUrl !== meeting.videoUrl;
      if (timeChanged) meeting.rescheduleReason = dto.reason?.trim() || null;
      if (statusChange) meeting.status = statusChange;
      if (statusChange === 'cancelled') meeting.cancellationReason = dto.reason?.trim() || null;
      // Calendars replace their copy only when SEQUENCE grows: every change an invitee would see bumps it.
      if (timeChanged || placeChanged || (titleSent && JSON.stringify(before.title) !== JSON.stringify(meeting.title)) || statusChange) meeting.sequence += 1;
      await this.meetings.save(meeting, em);
      if (titleSent) await this.agendaTranslation.arrived(caller, meeting, em);

      const seats = await this.invitees.at(meeting.bodyId, meeting.startsAt, em);
      if (dto.delegateUserIds !== undefined) {
        await this.delegates.replace(meeting.id, await this.resolveDelegates(dto.delegateUserIds, seats, em), em);
      }
      const delegateIds = (await this.delegates.ofMeetings([meeting.id], em)).map((d) => d.userId);
      const scheduling =
        meeting.status === 'cancelled' ? [] : await this.invitees.warningsFor(meeting.id, meeting.startsAt, meeting.endsAt, seats, delegateIds, em);
      meeting.schedulingWarnings = { invitees: seats.map((s) => s.governmentId).sort(), items: scheduling };
      await this.meetings.save(meeting, em);
      const warnings =
        meeting.status === 'cancelled' ? [] : [...(timeChanged || dto.delegateUserIds !== undefined ? scheduling : []), ...(await this.overrun(meeting, em))];

      const body = (await this.bodies.findById(meeting.bodyId, em))!;
      const to = { governmentIds: seats.map((s) => s.governmentId), userIds: delegateIds };
      const payload = { id: meeting.id, bodyId: meeting.bodyId };
      // a draft (or a draft being cancelled) is the secretariat's only: its events reach no member's socket
      const audience =
        meeting.status === 'draft' || before.status === 'draft' ? ({ kind: 'none' } as const) : ({ kind: 'body', bodyId: meeting.bodyId } as const);
      let event: DomainEvent;
      if (statusChange === 'cancelled') {
        // a draft invited nobody, so its cancellation tells nobody
        const notify = before.status === 'scheduled' && !isOver(meeting) ? [cancellationNotice(meeting, body.name, to, meeting.cancellationReason)] : [];
        event = { name: 'meeting.cancelled', payload, audience, context: { reason: meeting.cancellationReason }, notify };
      } else {
        const notify = isOver(meeting)
          ? []
          : statusChange === 'scheduled'
            ? [invitationNotice(meeting, body.name, to)]
            : meeting.status === 'scheduled' && (timeChanged || placeChanged)
              ? [changeNotice(meeting, body.name, to, meeting.rescheduleReason)]
              : [];
        event = { name: 'meeting.updated', payload, audience, context: { fields: edits, status: statusChange, sequence: meeting.sequence }, notify };
      }
      await this.events.record(em, { actorUserId: caller.userId, action: event.name, entityType: 'meeting', entityId: meeting.id, changes: { ...dto } }, [
        event,
      ]);
      return this.view(meeting, em, warnings, caller);
    });
  }

  /** The earliest slots that fit every invited government's working day and holidays and every delegate's calendar. */
  async slots(caller: Caller, query: SlotQuery): Promise<Page<SlotView>> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to.getTime() <= from.getTime()) throw invalid(['to must be after from']);
    if (to.getTime() - from.getTime() > MAX_SLOT_SEARCH_DAYS * DAY) throw invalid([`to must be within ${MAX_SLOT_SEARCH_DAYS} days of from`]);
    if (!isSecretariat(caller)) await this.access.requireInsideBody(caller, query.bodyId, 'Body');
    if (!(await this.bodies.findById(query.bodyId))) throw invalid(['bodyId does not name an existing body']);
    const seats = await this.invitees.at(query.bodyId, from > new Date() ? from : new Date());
    const officials = (await this.users.findActiveOfficialsOf(seats.map((s) => s.governmentId))).map((u) => u.id);
    // An official sees the free/busy of the body's own officials only, and never another body's drafts.
    if (!isSecretariat(caller) && query.delegateUserIds?.some((id) => !officials.includes(id))) {
      throw invalid(["delegateUserIds must name officials of this body's member governments"]);
    }
    const userIds = query.delegateUserIds ?? officials;
    const bookings = await this.meetings.bookingsOf(userIds, from, to, null, undefined, !isSecretariat(caller));
    const slots = findSlots({
      participants: seats.map(participantOf),
      busy: bookings.map((b) => ({ start: new Date(b.startsAt), end: new Date(b.endsAt) })),
      from,
      to,
      durationMinutes: query.durationMinutes,
      count: query.count ?? 5,
      budgetMs: SLOT_SEARCH_BUDGET_MS,
    });
    const items = slots.map((slot) => ({
      startsAt: slot.start.toISOString(),
      endsAt: slot.end.toISOString(),
      invitees: seats.map((s) => ({
        governmentId: s.governmentId,
        code: s.government!.code,
        timeZone: s.government!.timeZone,
        ...localTimes(s.government!.timeZone, slot.start, slot.end),
      })),
    }));
    return { items, total: items.length };
  }

  async calendar(caller: Caller, id: string): Promise<string> {
    const meeting = await this.meetingAccess.readable(caller, id);
    const body = await this.bodies.findById(meeting.bodyId);
    const agendas = new Map<string, string[]>();
    if (meeting.agendaPublishedAt || isSecretariat(caller)) {
      const items = await this.agenda.ofMeeting(meeting.id);
      agendas.set(
        meeting.id,
        items.map((i) => `${i.position}. ${contentFor(i.title, caller.locale)} (${i.durationMinutes} min, ${purposeIn(i.purpose, caller.locale)})`),
      );
    }
    // ORGANIZER: the secretariat member who convened it; ATTENDEE: its delegates and the official asking
    const seats = await this.invitees.at(meeting.bodyId, meeting.startsAt);
    const roleOf = new Map(seats.map((s) => [s.governmentId, s.role]));
    const delegates = await this.delegates.ofMeetings([meeting.id]);
    const wanted = [
      ...new Set([
        ...delegates.map((d) => d.userId),
        ...(caller.governmentId && roleOf.has(caller.governmentId) ? [caller.userId] : []),
        ...(meeting.createdByUserId ? [meeting.createdByUserId] : []),
      ]),
    ];
    const users = new Map((await this.users.findByIds(wanted)).map((u) => [u.id, u]));
    const convener = meeting.createdByUserId ? users.get(meeting.createdByUserId) : undefined;
    const attendees = wanted
      .filter((id) => id !== meeting.createdByUserId)
      .map((id) => users.get(id))
      .filter((u): u is NonNullable<typeof u> => !!u && !!u.governmentId && roleOf.has(u.governmentId))
      .map((u) => ({ name: u.displayName, email: u.email, optional: roleOf.get(u.governmentId!) === 'observer' }));
    return meetingCalendar(meeting, {
      publicBaseUrl: this.config.publicBaseUrl,
      organizer: this.config.mailFrom,
      convener: convener ? { name: convener.displayName, email: convener.email } : null,
      attendees,
      bodyNames: new Map(body ? [[body.id, contentFor(body.name, caller.locale)]] : []),
      agendas,
      reader: { locale: caller.locale, zone: await this.zoneOf(caller) },
    });
  }

  private async view(meeting: Meeting, em?: EntityManager, warnings?: MeetingWarning[], reader?: Caller): Promise<MeetingView> {
    const invitees = await this.invitees.viewsFor([meeting], em);
    const minutes = reader ? await this.minutes.summariesFor(reader, [meeting.id], em) : undefined;
    return toMeetingView(meeting, invitees.get(meeting.id) ?? [], warnings, reader?.locale ?? 'en', minutes?.get(meeting.id));
  }

  /** The caller's zone: their own, else their government's. */
  private async zoneOf(caller: Caller): Promise<string> {
    const rows: { own: string | null; government: string | null }[] = await this.dataSource.query(
      `SELECT u.time_zone AS own, g.time_zone AS government FROM user_account u LEFT JOIN government g ON g.id = u.government_id WHERE u.id = $1`,
      [caller.userId],
    );
    return zoneOf(rows[0]?.own, rows[0]?.government);
  }

  private checkTimes(startsAt: string, endsAt: string): { start: Date; end: Date } {
    const start = new Date(startsAt);
    const end = new Date(endsAt);
    if (Number.isNaN(start.getTime())) throw invalid(['startsAt is not a valid time']);
    if (Number.isNaN(end.getTime())) throw invalid(['endsAt is not a valid time']);
    if (end.getTime() <= start.getTime()) throw invalid(['endsAt must be after startsAt']);
    if (end.getTime() - start.getTime() > MAX_MEETING_DAYS * DAY) throw invalid([`endsAt must be within ${MAX_MEETING_DAYS} days of startsAt`]);
    return { start, end };
  }

  /** Delegates are active officials of a government the meeting invites. */
  private async resolveDelegates(userIds: string[], seats: Membership[], em: EntityManager): Promise<{ userId: string; governmentId: string }[]> {
    const unique = [...new Set(userIds)];
    const users = new Map((await this.users.findByIds(unique, em)).map((u) => [u.id, u]));
    const invited = new Set(seats.map((s) => s.governmentId));
    const wrong = unique.filter((id) => {
      const user = users.get(id);
      return !user || !user.active || user.role !== 'official' || !user.governmentId || !invited.has(user.governmentId);
    });
    if (wrong.length) throw invalid([`delegateUserIds must name active officials of invited governments: ${wrong.join(', ')}`]);
    return unique.map((id) => ({ userId: id, governmentId: users.get(id)!.governmentId! }));
  }

  private async overrun(meeting: Meeting, em: EntityManager): Promise<MeetingWarning[]> {
    const total = await this.agenda.totalMinutes(meeting.id, em);
    const available = Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60000);
    return total > available ? [{ code: 'agenda_overrun', message: `The agenda takes ${total} minutes; the meeting lasts ${available}` }] : [];
  }
}

const PURPOSES: Record<Locale, Record<string, string>> = {
  en: { information: 'information', discussion: 'discussion', decision: 'decision' },
  fr: { information: 'information', discussion: 'discussion', decision: 'décision' },
};
const purposeIn = (purpose: string, locale: Locale) => PURPOSES[locale][purpose] ?? purpose;
