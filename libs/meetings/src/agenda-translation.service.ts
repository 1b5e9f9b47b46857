import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BodyRepository } from '@forum/bodies';
import { Caller, EventRecorder, pendingFields } from '@forum/core';
import type { DomainEvent } from '@forum/contracts';
import { isOver } from './meeting-status.rule';
import { agendaTranslationNotice } from './meeting-notifications';
import type { Meeting } from './meeting.entity';
import { AgendaItemRepository, MeetingRepository } from './meeting.repository';
import { MeetingInvitees } from './meeting-invitees.service';

export interface PendingText {
  type: string;
  id: string;
  field: string;
}

/**
 * The parity of a meeting's agenda: what still awaits translation (the meeting's title, its items' titles),
 * and, for an agenda that went out with its translation to follow, the one notice that it has arrived.
 */
@Injectable()
export class AgendaTranslation {
  constructor(
    private readonly items: AgendaItemRepository,
    private readonly meetings: MeetingRepository,
    private readonly invitees: MeetingInvitees,
    private readonly bodies: BodyRepository,
    private readonly events: EventRecorder,
  ) {}

  async pending(meeting: Meeting, em: EntityManager): Promise<PendingText[]> {
    const items = await this.items.ofMeeting(meeting.id, em);
    return [
      ...pendingFields({ title: meeting.title }).map((field) => ({ type: 'meeting', id: meeting.id, field })),
      ...items.flatMap((i) => pendingFields({ title: i.title }).map((field) => ({ type: 'agenda_item', id: i.id, field }))),
    ];
  }

  /**
   * Called after a text of the meeting or of its agenda was written, in that transaction (the meeting row is
   * locked by its caller): once nothing is pending any more, the flag is cleared and the recipients of the
   * agenda are told, under a key of its own per published revision, so they hear it once.
   */
  async arrived(caller: Caller, meeting: Meeting, em: EntityManager): Promise<void> {
    if (!meeting.agendaTranslationToFollow || !meeting.agendaPublishedAt) return;
    if ((await this.pending(meeting, em)).length) return;
    meeting.agendaTranslationToFollow = false;
    await this.meetings.save(meeting, em);
    const recipients = await this.invitees.recipientsOf(meeting, em);
    const body = (await this.bodies.findById(meeting.bodyId, em))!;
    const event: DomainEvent<'agenda.updated'> = {
      name: 'agenda.updated',
      payload: { meetingId: meeting.id, bodyId: meeting.bodyId },
      audience: { kind: 'body', bodyId: meeting.bodyId },
      context: { translationArrived: true, revision: meeting.agendaRevision },
      notify: isOver(meeting) ? [] : [agendaTranslationNotice(meeting, body.name, recipients)],
    };
    await this.events.record(
      em,
      {
        actorUserId: caller.userId,
        action: 'agenda.translation-arrived',
        entityType: 'meeting',
        entityId: meeting.id,
        changes: { revision: meeting.agendaRevision },
      },
      [event],
    );
  }
}
