import type { ConcurrencePosition } from './communique-concurrence.entity';

export interface ConcurringSeat {
  governmentId: string;
  role: 'member' | 'observer' | 'co_chair';
}

export interface GivenPosition {
  governmentId: string;
  revision: number;
  position: ConcurrencePosition;
}

export interface ConcurrenceState {
  /** non-observer member governments: every one of them must concur */
  required: string[];
  /** concurred on the current revision, with or without a reservation */
  concurred: string[];
  reservations: string[];
  objections: string[];
  /** required governments that have not yet taken a position on the current revision */
  awaiting: string[];
  /** every required government concurred (an objection blocks) */
  complete: boolean;
}

/** Observers attend and speak but are not party to a joint communiqué, so they never concur. */
export const mustConcur = (seat: ConcurringSeat): boolean => seat.role !== 'observer';

/**
 * Where concurrence stands on one exact revision: positions given on any other revision do not count,
 * which is how an edit voids them. Order follows the seats given (the order of precedence).
 */
export function concurrenceState(seats: ConcurringSeat[], positions: GivenPosition[], currentRevision: number): ConcurrenceState {
  const required = seats.filter(mustConcur).map((s) => s.governmentId);
  const onCurrent = new Map(positions.filter((p) => p.revision === currentRevision).map((p) => [p.governmentId, p.position]));
  const concurred = required.filter((id) => onCurrent.get(id) === 'concur' || onCurrent.get(id) === 'concur_with_reservation');
  const reservations = required.filter((id) => onCurrent.get(id) === 'concur_with_reservation');
  const objections = required.filter((id) => onCurrent.get(id) === 'object');
  const awaiting = required.filter((id) => !onCurrent.has(id));
  return { required, concurred, reservations, objections, awaiting, complete: concurred.length === required.length };
}
