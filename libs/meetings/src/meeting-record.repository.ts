import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { DecisionPosition } from './decision-position.entity';
import { MeetingMinutes, MeetingMinutesComment, MeetingMinutesRevision } from './meeting-minutes.entity';

@Injectable()
export class MinutesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager) {
    return em ?? this.dataSource.manager;
  }

  findOf(meetingId: string, em?: EntityManager): Promise<MeetingMinutes | null> {
    return this.m(em).getRepository(MeetingMinutes).findOneBy({ meetingId });
  }

  ofMeetings(meetingIds: string[], em?: EntityManager): Promise<MeetingMinutes[]> {
    return meetingIds.length
      ? this.m(em)
          .getRepository(MeetingMinutes)
          .findBy({ meetingId: In(meetingIds) })
      : Promise.resolve([]);
  }

  save(minutes: Partial<MeetingMinutes>, em: EntityManager): Promise<MeetingMinutes> {
    const repo = em.getRepository(MeetingMinutes);
    return repo.save(repo.create(minutes));
  }

  revisionsOf(meetingId: string, em?: EntityManager): Promise<MeetingMinutesRevision[]> {
    return this.m(em)
      .getRepository(MeetingMinutesRevision)
      .find({ where: { meetingId }, order: { number: 'ASC' } });
  }

  async addRevision(revision: Partial<MeetingMinutesRevision>, em: EntityManager): Promise<void> {
    await em.getRepository(MeetingMinutesRevision).insert(revision);
  }

  commentsOf(meetingId: string, em?: EntityManager): Promise<MeetingMinutesComment[]> {
    return this.m(em)
      .getRepository(MeetingMinutesComment)
      .find({ where: { meetingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  addComment(comment: Partial<MeetingMinutesComment>, em: EntityManager): Promise<MeetingMinutesComment> {
    const repo = em.getRepository(MeetingMinutesComment);
    return repo.save(repo.create(comment));
  }
}

@Injectable()
export class DecisionPositionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(DecisionPosition);
  }

  /** the current position of each government on each of these decisions */
  currentOf(decisionIds: string[], em?: EntityManager): Promise<DecisionPosition[]> {
    return decisionIds.length
      ? this.repo(em).find({ where: { decisionId: In(decisionIds), supersededAt: IsNull() }, order: { recordedAt: 'ASC' } })
      : Promise.resolve([]);
  }

  historyOf(decisionId: string, governmentId: string, em?: EntityManager): Promise<DecisionPosition[]> {
    return this.repo(em).find({ where: { decisionId, governmentId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  /** a new position replaces the current one, which is kept as history */
  async record(position: Partial<DecisionPosition>, at: Date, em: EntityManager): Promise<DecisionPosition> {
    await this.repo(em).update({ decisionId: position.decisionId, governmentId: position.governmentId, supersededAt: IsNull() }, { supersededAt: at });
    return this.repo(em).save(this.repo(em).create({ ...position, recordedAt: at }));
  }
}
