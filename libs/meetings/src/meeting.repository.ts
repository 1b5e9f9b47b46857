import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AgendaItem } from './agenda-item.entity';
import { AgendaPaper } from './agenda-paper.entity';
import { CalendarFeedToken } from './calendar-feed-token.entity';
import { MeetingAttendance } from './meeting-attendance.entity';
import { MeetingDecision } from './meeting-decision.entity';
import { MeetingDelegate } from './meeting-delegate.entity';
import { Meeting } from './meeting.entity';
import type { MeetingStatus } from './meeting-status.rule';

export interface MeetingFilter {
  /** null: every body (the secretariat) */
  bodyIds: string[] | null;
  bodyId?: string;
  from?: Date;
  to?: Date;
  status?: MeetingStatus[];
  includeDrafts: boolean;
  /** by start time; ascending unless the caller reads the past newest first */
  order?: 'asc' | 'desc';
}

export interface Booking {
  meetingId: string;
  title: string;
  userId: string;
  startsAt: Date;
  endsAt: Date;
}

@Injectable()
export class MeetingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(Meeting);
  }

  findById(id: string, em?: EntityManager): Promise<Meeting | null> {
    return this.repo(em).findOneBy({ id });
  }

  /** the body and status of each meeting, for the access check (one query for many ids) */
  accessFacts(ids: string[]): Promise<Array<Pick<Meeting, 'id' | 'bodyId' | 'status'>>> {
    if (!ids.length) return Promise.resolve([]);
    return this.repo().find({ select: { id: true, bodyId: true, status: true }, where: { id: In(ids) } });
  }

  /** Every write to a meeting or its agenda takes this lock first, so concurrent edits queue up instead of interleaving. */
  lockById(id: string, em: EntityManager): Promise<Meeting | null> {
    return this.repo(em).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  page(filter: MeetingFilter, limit: number, offset: number): Promise<[Meeting[], number]> {
    if (filter.bodyIds && filter.bodyIds.length === 0) return Promise.resolve([[], 0]);
    const qb = this.repo().createQueryBuilder('m');
    if (filter.bodyIds) qb.andWhere('m.body_id IN (:...bodyIds)', { bodyIds: filter.bodyIds });
    if (filter.bodyId) qb.andWhere('m.body_id = :bodyId', { bodyId: filter.bodyId });
    if (filter.from) qb.andWhere('m.ends_at > :from', { from: filter.from });
    if (filter.to) qb.andWhere('m.starts_at < :to', { to: filter.to });
    if (filter.status?.length) qb.andWhere('m.status IN (:...statuses)', { statuses: filter.status });
    if (!filter.includeDrafts) qb.andWhere(`m.status <> 'draft'`);
    const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
    return qb.orderBy('m.starts_at', direction).addOrderBy('m.id', direction).take(limit).skip(offset).getManyAndCount();
  }

  /** Meetings (not cancelled) that book any of these officials during [start, end), other than `exceptMeetingId`. */
  /** `excludeDrafts`: what an official may learn (a draft is the secretariat's only). */
  bookingsOf(userIds: string[], start: Date, end: Date, exceptMeetingId: string | null, em?: EntityManager, excludeDrafts = false): Promise<Booking[]> {
    if (!userIds.length) return Promise.resolve([]);
    return (em ?? this.dataSource.manager)
      .createQueryBuilder()
      .select([
        'm.id AS "meetingId"',
        'COALESCE(m.title_en, m.title_fr) AS "title"',
        'd.user_id AS "userId"',
        'm.starts_at AS "startsAt"',
        'm.ends_at AS "endsAt"',
      ])
      .from(MeetingDelegate, 'd')
      .innerJoin(Meeting, 'm', 'm.id = d.meeting_id')
      .where('d.user_id IN (:...userIds)', { userIds })
      .andWhere(excludeDrafts ? `m.status NOT IN ('cancelled', 'draft')` : `m.status <> 'cancelled'`)
      .andWhere('m.starts_at < :end AND m.ends_at > :start', { start, end })
      .andWhere(exceptMeetingId ? 'm.id <> :exceptMeetingId' : 'TRUE', { exceptMeetingId })
      .orderBy('m.starts_at', 'ASC')
      .getRawMany<Booking>();
  }

  /** What a personal calendar feed shows: the meetings of these bodies (or all), drafts excluded, from `since` on. */
  forFeed(bodyIds: string[] | null, since: Date, limit: number): Promise<Meeting[]> {
    if (bodyIds && bodyIds.length === 0) return Promise.resolve([]);
    const qb = this.repo().createQueryBuilder('m').where(`m.status <> 'draft'`).andWhere('m.ends_at > :since', { since });
    if (bodyIds) qb.andWhere('m.body_id IN (:...bodyIds)', { bodyIds });
    return qb.orderBy('m.starts_at', 'ASC').take(limit).getMany();
  }

  insert(meeting: Partial<Meeting>, em: EntityManager): Promise<Meeting> {
    return this.repo(em).save(this.repo(em).create(meeting));
  }

  save(meeting: Meeting, em: EntityManager): Promise<Meeting> {
    return this.repo(em).save(meeting);
  }
}

@Injectable()
export class MeetingDelegateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(MeetingDelegate);
  }

  ofMeetings(meetingIds: string[], em?: EntityManager): Promise<MeetingDelegate[]> {
    return meetingIds.length ? this.repo(em).find({ where: { meetingId: In(meetingIds) }, order: { createdAt: 'ASC' } }) : Promise.resolve([]);
  }

  /** Replaces the meeting's delegates with the given ones. */
  async replace(meetingId: string, delegates: { userId: string; governmentId: string }[], em: EntityManager): Promise<void> {
    await this.repo(em).delete({ meetingId });
    if (delegates.length) await this.repo(em).insert(delegates.map((d) => ({ meetingId, ...d })));
  }
}

@Injectable()
export class AgendaItemRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(AgendaItem);
  }

  ofMeeting(meetingId: string, em?: EntityManager): Promise<AgendaItem[]> {
    return this.repo(em).find({ where: { meetingId }, order: { position: 'ASC' } });
  }

  findInMeeting(meetingId: string, id: string, em?: EntityManager): Promise<AgendaItem | null> {
    return this.repo(em).findOneBy({ meetingId, id });
  }

  insert(item: Partial<AgendaItem>, em: EntityManager): Promise<AgendaItem> {
    return this.repo(em).save(this.repo(em).create(item));
  }

  save(item: AgendaItem, em: EntityManager): Promise<AgendaItem> {
    return this.repo(em).save(item);
  }

  async remove(id: string, em: EntityManager): Promise<void> {
    await this.repo(em).delete({ id });
  }

  /** Writes positions 1..n in the given order; the deferred unique constraint checks the result at commit. */
  async renumber(orderedIds: string[], em: EntityManager): Promise<void> {
    if (!orderedIds.length) return;
    await em.query(
      `UPDATE agenda_item SET position = o.position, updated_at = now()
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, position)
        WHERE agenda_item.id = o.id AND agenda_item.position <> o.position`,
      [orderedIds],
    );
  }

  totalMinutes(meetingId: string, em?: EntityManager): Promise<number> {
    return this.repo(em)
      .createQueryBuilder('a')
      .select('COALESCE(SUM(a.duration_minutes), 0)::int', 'total')
      .where('a.meeting_id = :meetingId', { meetingId })
      .getRawOne<{ total: number }>()
      .then((r) => r?.total ?? 0);
  }
}

@Injectable()
export class AgendaPaperRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(AgendaPaper);
  }

  ofItems(agendaItemIds: string[], em?: EntityManager): Promise<AgendaPaper[]> {
    return agendaItemIds.length ? this.repo(em).find({ where: { agendaItemId: In(agendaItemIds) }, order: { createdAt: 'ASC' } }) : Promise.resolve([]);
  }

  /** the paper with its content, for download */
  findWithContent(meetingId: string, agendaItemId: string, id: string): Promise<AgendaPaper | null> {
    return this.repo()
      .createQueryBuilder('p')
      .addSelect('p.content')
      .where('p.id = :id AND p.agenda_item_id = :agendaItemId AND p.meeting_id = :meetingId', { id, agendaItemId, meetingId })
      .getOne();
  }

  insert(paper: Partial<AgendaPaper>, em: EntityManager): Promise<AgendaPaper> {
    return this.repo(em).save(this.repo(em).create(paper));
  }

  /** Deletes one paper of one item of one meeting (its content with it). */
  async removeFromItem(meetingId: string, agendaItemId: string, id: string, em: EntityManager): Promise<void> {
    await this.repo(em).delete({ id, agendaItemId, meetingId });
  }

  /** Papers outlive their agenda item: they stay with the meeting, detached. Returns how many. */
  async detachOfItem(agendaItemId: string, em: EntityManager): Promise<number> {
    const result = await this.repo(em).update({ agendaItemId }, { agendaItemId: null });
    return result.affected ?? 0;
  }
}

@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(MeetingAttendance);
  }

  ofMeeting(meetingId: string, em?: EntityManager): Promise<MeetingAttendance[]> {
    return this.repo(em).findBy({ meetingId });
  }

  async upsert(
    row: Pick<MeetingAttendance, 'meetingId' | 'governmentId' | 'status' | 'delegateUserIds' | 'recordedByUserId'>,
    em: EntityManager,
  ): Promise<void> {
    await this.repo(em).upsert(row, { conflictPaths: ['meetingId', 'governmentId'] });
  }
}

@Injectable()
export class MeetingDecisionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(MeetingDecision);
  }

  /** A decision as recorded at the meeting; what other capabilities (action items) use to link back to it. */
  findDecision(meetingId: string, decisionId: string, em?: EntityManager): Promise<MeetingDecision | null> {
    return this.repo(em).findOneBy({ meetingId, id: decisionId });
  }

  findById(id: string, em?: EntityManager): Promise<MeetingDecision | null> {
    return this.repo(em).findOneBy({ id });
  }

  lockDecision(meetingId: string, decisionId: string, em: EntityManager): Promise<MeetingDecision | null> {
    return this.repo(em).findOne({ where: { meetingId, id: decisionId }, lock: { mode: 'pessimistic_write' } });
  }

  findByIds(ids: string[], em?: EntityManager): Promise<MeetingDecision[]> {
    return ids.length ? this.repo(em).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  ofMeeting(meetingId: string, em?: EntityManager): Promise<MeetingDecision[]> {
    return this.repo(em).find({ where: { meetingId }, order: { number: 'ASC' } });
  }

  /** the decisions that took up this one after it was referred */
  takenUpFrom(originDecisionId: string, em?: EntityManager): Promise<MeetingDecision[]> {
    return this.repo(em).find({ where: { originDecisionId }, order: { createdAt: 'ASC' } });
  }

  referredTo(bodyId: string, limit: number, offset: number): Promise<[MeetingDecision[], number]> {
    return this.repo().findAndCount({ where: { referredToBodyId: bodyId }, order: { referredAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }

  /** the next number in the meeting; callers hold the meeting lock, so two decisions never share one */
  async nextNumber(meetingId: string, em: EntityManager): Promise<number> {
    const row = await this.repo(em)
      .createQueryBuilder('d')
      .select('COALESCE(MAX(d.number), 0)::int + 1', 'next')
      .where('d.meeting_id = :meetingId', { meetingId })
      .getRawOne<{ next: number }>();
    return row?.next ?? 1;
  }

  insert(decision: Partial<MeetingDecision>, em: EntityManager): Promise<MeetingDecision> {
    return this.repo(em).save(this.repo(em).create(decision));
  }

  save(decision: MeetingDecision, em: EntityManager): Promise<MeetingDecision> {
    return this.repo(em).save(decision);
  }
}

@Injectable()
export class CalendarFeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(CalendarFeedToken);
  }

  findActiveByHash(tokenHash: string): Promise<CalendarFeedToken | null> {
    return this.repo().findOneBy({ tokenHash, revokedAt: IsNull() });
  }

  findOfUser(userId: string, id: string, em?: EntityManager): Promise<CalendarFeedToken | null> {
    return this.repo(em).findOneBy({ userId, id });
  }

  listOfUser(userId: string): Promise<CalendarFeedToken[]> {
    return this.repo().find({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  insert(token: Partial<CalendarFeedToken>, em: EntityManager): Promise<CalendarFeedToken> {
    return this.repo(em).save(this.repo(em).create(token));
  }

  save(token: CalendarFeedToken, em: EntityManager): Promise<CalendarFeedToken> {
    return this.repo(em).save(token);
  }

  async touch(id: string): Promise<void> {
    await this.repo().update({ id }, { lastUsedAt: new Date() });
  }
}
