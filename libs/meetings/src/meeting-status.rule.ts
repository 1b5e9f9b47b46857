import { MEETING_STATUSES, type MeetingStatus } from '@forum/contracts';

export { MEETING_STATUSES, type MeetingStatus };
import { MeetingReason } from '@forum/contracts';
import { conflict } from '@forum/core';

const NEXT: Record<MeetingStatus, MeetingStatus[]> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['held', 'cancelled'],
  held: [],
  cancelled: [],
};

/** draft → scheduled → held, and anything not yet held may be cancelled; nothing comes back from held or cancelled. */
export function canMove(from: MeetingStatus, to: MeetingStatus): boolean {
  return NEXT[from].includes(to);
}

/** A held or cancelled meeting is a record: its time, place and agenda no longer change. */
export const isClosed = (status: MeetingStatus): boolean => status === 'held' || status === 'cancelled';

/** A meeting recorded after the fact (the 2017 task force, minutes typed up later) invites nobody: it is over. */
export const isOver = (meeting: { endsAt: Date }, now = new Date()): boolean => meeting.endsAt.getTime() < now.getTime();

/**
 * Attendance, minutes and decisions belong to a meeting that takes or took place: not a draft or a cancelled
 * one (409 meeting_closed), and not one that has not started yet (409 meeting_not_started).
 */
export function requireTakingPlace(meeting: { status: MeetingStatus; startsAt: Date }, now = new Date()): void {
  if (meeting.status !== 'scheduled' && meeting.status !== 'held') {
    throw conflict(MeetingReason.MeetingClosed, `A ${meeting.status} meeting has no attendance, minutes or decisions`, { status: meeting.status });
  }
  if (meeting.startsAt.getTime() > now.getTime()) {
    throw conflict(MeetingReason.NotStarted, 'This meeting has not started yet: attendance, minutes and decisions come once it has', {
      startsAt: meeting.startsAt.toISOString(),
    });
  }
}
