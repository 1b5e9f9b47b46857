import type { EventAudience } from '@forum/contracts';

/** The rooms of the default namespace; every socket.io room name of the product is made here. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  /** the sockets of one sign-in: closed together when that session ends */
  session: (sessionId: string) => `session:${sessionId}`,
  government: (governmentId: string) => `gov:${governmentId}`,
  body: (bodyId: string) => `body:${bodyId}`,
  /** every secretariat socket: the secretariat sees every body */
  secretariat: 'secretariat',
};

/**
 * Where an event goes. `public` is everyone (anonymous sockets included); a body event goes to its
 * members' sockets and the secretariat only; `none` goes nowhere.
 */
export function roomsFor(audience: EventAudience): { everyone: true } | { everyone: false; rooms: string[] } {
  switch (audience.kind) {
    case 'public':
      return { everyone: true };
    case 'body':
      return { everyone: false, rooms: [rooms.body(audience.bodyId), rooms.secretariat] };
    case 'users':
      return { everyone: false, rooms: audience.userIds.map(rooms.user) };
    case 'governments':
      return { everyone: false, rooms: [...audience.governmentIds.map(rooms.government), rooms.secretariat] };
    case 'none':
      return { everyone: false, rooms: [] };
    default: {
      const never: never = audience;
      throw new Error(`unknown audience ${JSON.stringify(never)}`);
    }
  }
}

/** The rooms a signed-in socket belongs to, from who the caller is and the bodies of their government. */
export function roomsOfCaller(caller: { userId: string; role: string; governmentId: string | null }, bodyIds: string[]): string[] {
  const joined = [rooms.user(caller.userId)];
  if (caller.role === 'secretariat') joined.push(rooms.secretariat);
  if (caller.governmentId) joined.push(rooms.government(caller.governmentId), ...bodyIds.map(rooms.body));
  return joined;
}
