import { defaultCalendar, fitsWorkingDay, HolidayCalendar, Participant } from './working-hours.rule';

export interface Interval {
  start: Date;
  end: Date;
}

export interface SlotSearch {
  participants: Participant[];
  /** meetings the delegates are already booked in */
  busy: Interval[];
  from: Date;
  to: Date;
  durationMinutes: number;
  count: number;
  stepMinutes?: number;
  /** the most event-loop time the search may take; it answers the slots found by then */
  budgetMs?: number;
}

const MINUTE = 60_000;

/**
 * The earliest slots inside [from, to] that fall in every participant's working day (its own zone and
 * statutory holidays) and overlap nobody's existing bookings. Candidates start on quarter hours (UTC),
 * which are quarter hours in every Canadian zone, Newfoundland's included.
 */
export function findSlots(search: SlotSearch, calendar: HolidayCalendar = defaultCalendar): Interval[] {
  const step = (search.stepMinutes ?? 15) * MINUTE;
  const duration = search.durationMinutes * MINUTE;
  const busy = [...search.busy].sort((a, b) => a.start.getTime() - b.start.getTime());
  const slots: Interval[] = [];
  let t = Math.ceil(search.from.getTime() / step) * step;
  let deadline = Infinity;
  let tried = 0;
  while (t + duration <= search.to.getTime() && slots.length < search.count) {
    // a clock read every 64 candidates: bounded work whatever the window, duration and participants (the clock
    // starts after the first 64, so loading the holiday calendars does not eat the budget)
    if ((++tried & 63) === 0) {
      if (deadline === Infinity && search.budgetMs !== undefined) deadline = Date.now() + search.budgetMs;
      else if (Date.now() > deadline) break;
    }
    const start = new Date(t);
    const end = new Date(t + duration);
    const clash = busy.find((b) => b.start.getTime() < end.getTime() && b.end.getTime() > start.getTime());
    if (clash) {
      // jump past the booking rather than testing every quarter hour inside it
      t = Math.max(t + step, Math.ceil(clash.end.getTime() / step) * step);
      continue;
    }
    if (search.participants.every((p) => fitsWorkingDay(p, start, end, calendar))) {
      slots.push({ start, end });
      t = end.getTime();
      t = Math.ceil(t / step) * step;
      continue;
    }
    t += step;
  }
  return slots;
}
