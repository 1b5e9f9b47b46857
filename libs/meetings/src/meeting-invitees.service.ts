import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Membership, MembershipRepository } from '@forum/bodies';
import { UserRepository } from '@forum/identity';
import { MeetingDelegateRepository, MeetingRepository } from './meeting.repository';
import type { Meeting } from './meeting.entity';
import type { InviteeView, MeetingWarning } from './meeting.view';
import { holidayRegionOf, localTimes, Participant, timeIssuesFor } from './working-hours.rule';

const inForceAt = (m: Membership, at: Date) => m.startedAt.getTime() <= at.getTime() && (!m.endedAt || m.endedAt.getTime() > at.getTime());

export const participantOf = (m: Membership): Participant => ({
  governmentId: m.governmentId,
  code: m.government!.code,
  nameEn: m.government!.nameEn,
  timeZone: m.government!.timeZone,
  holidayRegion: holidayRegionOf(m.government!.code, m.government!.level),
});

/**
 * Who a meeting invites (the body's member governments at the meeting's date, observers included,
 * with their named delegates) and what could go wrong for them: the knowledge every meeting
 * write and read needs, in one place.
 */
@Injectable()
export class MeetingInvitees {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly delegates: MeetingDelegateRepository,
    private readonly meetings: MeetingRepository,
    private readonly users: UserRepository,
  ) {}

  /** Who hears about a meeting: the governments seated at its start and its named delegates. */
  async recipientsOf(meeting: Pick<Meeting, 'id' | 'bodyId' | 'startsAt'>, em?: EntityManager): Promise<{ governmentIds: string[]; userIds: string[] }> {
    const seats = await this.at(meeting.bodyId, meeting.startsAt, em);
    const delegates = await this.delegates.ofMeetings([meeting.id], em);
    return { governmentIds: seats.map((s) => s.governmentId), userIds: delegates.map((d) => d.userId) };
  }

  /**
   * The seats in force at the meeting's start. A meeting entered for a time before the body had any
   * recorded member (history typed in after the fact) is taken to invite the current members.
   */
  async at(bodyId: string, at: Date, em?: EntityManager): Promise<Membership[]> {
    const seats = await this.memberships.listOfBodyAt(bodyId, at, em);
    return seats.length ? seats : this.memberships.listOfBody(bodyId, false, em);
  }

  async viewsFor(meetings: Meeting[], em?: EntityManager): Promise<Map<string, InviteeView[]>> {
    const byBody = new Map<string, Membership[]>();
    for (const bodyId of new Set(meetings.map((m) => m.bodyId))) {
      byBody.set(bodyId, await this.memberships.listOfBody(bodyId, true, em));
    }
    const delegates = await this.delegates.ofMeetings(
      meetings.map((m) => m.id),
      em,
    );
    const users = new Map((await this.users.findByIds([...new Set(delegates.map((d) => d.userId))], em)).map((u) => [u.id, u]));
    const result = new Map<string, InviteeView[]>();
    for (const meeting of meetings) {
      const all = byBody.get(meeting.bodyId) ?? [];
      const atStart = all.filter((m) => inForceAt(m, meeting.startsAt));
      const seats = atStart.length ? atStart : all.filter((m) => !m.endedAt);
      result.set(
        meeting.id,
        seats.map((seat) => ({
          governmentId: seat.governmentId,
          code: seat.government!.code,
          nameEn: seat.government!.nameEn,
          nameFr: seat.government!.nameFr,
          role: seat.role,
          timeZone: seat.government!.timeZone,
          ...localTimes(seat.government!.timeZone, meeting.startsAt, meeting.endsAt),
          delegates: delegates
            .filter((d) => d.meetingId === meeting.id && d.governmentId === seat.governmentId)
            .map((d) => ({ userId: d.userId, displayName: users.get(d.userId)?.displayName ?? '' })),
        })),
      );
    }
    return result;
  }

  /** Problems to show before they bite: hours outside anyone's working day, and delegates already booked elsewhere. */
  async warningsFor(
    meetingId: string | null,
    start: Date,
    end: Date,
    seats: Membership[],
    delegateUserIds: string[],
    em?: EntityManager,
  ): Promise<MeetingWarning[]> {
    const warnings: MeetingWarning[] = seats.flatMap((seat) => timeIssuesFor(participantOf(seat), start, end));
    const bookings = await this.meetings.bookingsOf(delegateUserIds, start, end, meetingId, em);
    const users = new Map((await this.users.findByIds([...new Set(bookings.map((b) => b.userId))], em)).map((u) => [u.id, u]));
    for (const booking of bookings) {
      const user = users.get(booking.userId);
      warnings.push({
        code: 'delegate_double_booked',
        userId: booking.userId,
        ...(user?.governmentId ? { governmentId: user.governmentId } : {}),
        message: `${user?.displayName ?? 'A delegate'} is already booked in "${booking.title}" (${booking.startsAt.toISOString()} – ${booking.endsAt.toISOString()})`,
      });
    }
    return warnings;
  }
}
