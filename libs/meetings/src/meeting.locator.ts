import { Injectable } from '@nestjs/common';
import { type LocatedTarget, LocatesTarget, TargetKind, type TargetLocator } from '@forum/core';
import { MeetingRepository } from './meeting.repository';

/** A meeting's body, for the access check; a draft is the secretariat's only. */
@Injectable()
@LocatesTarget(TargetKind.Meeting)
export class MeetingLocator implements TargetLocator {
  constructor(private readonly meetings: MeetingRepository) {}

  async locate(ids: string[]): Promise<Map<string, LocatedTarget>> {
    const rows = await this.meetings.accessFacts(ids);
    return new Map(rows.map((m) => [m.id, { bodyId: m.bodyId, hiddenFromMembers: m.status === 'draft' }]));
  }
}
