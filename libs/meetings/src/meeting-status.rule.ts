import { MEETING_STATUSES, type MeetingStatus } from '@forum/contracts';

export { MEETING_STATUSES, type MeetingStatus };

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
