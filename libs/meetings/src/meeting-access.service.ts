import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BodyAccess } from '@forum/bodies';
import { Caller, isSecretariat, notFound } from '@forum/core';
import { MeetingRepository } from './meeting.repository';
import type { Meeting } from './meeting.entity';

/** The meeting-level face of BodyAccess: every meetings service reaches a meeting through here. */
@Injectable()
export class MeetingAccess {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly access: BodyAccess,
  ) {}

  /** Officials of member governments (observers included) and the secretariat; a draft only to the secretariat; others 404. */
  async readable(caller: Caller, meetingId: string, em?: EntityManager): Promise<Meeting> {
    const meeting = await this.meetings.findById(meetingId, em);
    if (!meeting) throw notFound('Meeting');
    await this.access.requireInsideBody(caller, meeting.bodyId, 'Meeting', em);
    if (meeting.status === 'draft' && !isSecretariat(caller)) throw notFound('Meeting');
    return meeting;
  }

  /** The secretariat writes, holding the meeting row lock until commit; a member gets 403, a stranger 404. */
  async writable(caller: Caller, meetingId: string, em: EntityManager): Promise<Meeting> {
    const meeting = await this.meetings.lockById(meetingId, em);
    if (!meeting) throw notFound('Meeting');
    if (!isSecretariat(caller) && meeting.status === 'draft') throw notFound('Meeting');
    await this.access.requireSecretariatInBody(caller, meeting.bodyId, 'Meeting', em);
    return meeting;
  }
}
