import { Inject, Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { FORUM_CONFIG, type Caller, type ForumConfig } from '@forum/core';
import { MembershipRepository } from '@forum/bodies';
import { AccessTokenService, SessionRevocations } from '@forum/identity';
import { rooms, roomsOfCaller } from './realtime-rooms';

interface SocketData {
  caller: (Caller & { expiresAt?: number }) | null;
  rooms: string[];
}

/** What socket.io's adapter hands back for a recovering client (see restoreSession below). */
interface RecoveredSession {
  sid: string;
  pid: string;
  rooms: string[];
  data: unknown;
  missedPackets: unknown[][];
}

/**
 * socket.io on the API's port and default path. Nest guards do not run on a connection, so the token is
 * checked in socket.io middleware with the same AccessTokenService as HTTP.
 *
 * Connection-state recovery sends the missed packets as soon as the session is restored, before any
 * middleware runs. So the session is checked where it is restored (the adapter's restoreSession): a
 * recovery is refused, and the client starts afresh and refetches, when the session has ended, the token
 * expired, or the government left a body the socket was in. Revocations (logout, deactivation, password
 * reset, role change) disconnect the user's sockets on every instance at once; a socket is also closed when
 * its access token expires; one user holds at most FORUM_SOCKETS_PER_USER sockets on an instance.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit<Server>, OnGatewayConnection<Socket>, OnGatewayDisconnect<Socket> {
  private readonly logger = new Logger('Realtime');
  @WebSocketServer() server: Server;
  private readonly perUser = new Map<string, number>();
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly tokens: AccessTokenService,
    private readonly memberships: MembershipRepository,
    private readonly revocations: SessionRevocations,
  ) {}

  afterInit(server: Server): void {
    this.guardRecovery(server);
    server.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: Error & { statusCode?: number }) => {
          const refusal = new Error(error.message || 'A valid access token is required') as Error & { data?: unknown };
          refusal.data = { statusCode: error.statusCode ?? 401 };
          next(refusal);
        },
      );
    });
    // Every instance hears every revocation (Redis pub/sub) and closes its own sockets of that session or user.
    this.revocations.onRevoked((revocation) => {
      const room = revocation.kind === 'session' ? rooms.session(revocation.sessionId) : rooms.user(revocation.userId);
      server.local.in(room).disconnectSockets(true);
    });
  }

  private guardRecovery(server: Server): void {
    const adapter = server.of('/').adapter as unknown as { restoreSession?: (pid: string, offset: string) => Promise<RecoveredSession | null> };
    const restore = adapter.restoreSession?.bind(adapter);
    if (!restore) return;
    adapter.restoreSession = async (pid: string, offset: string) => {
      const session = await restore(pid, offset);
      if (!session) return session;
      try {
        return (await this.mayRecover(session)) ? session : null;
      } catch (error) {
        this.logger.warn(`recovery refused: ${(error as Error).message}`);
        return null;
      }
    };
  }

  /** Nothing missed is sent unless the session still stands and every room the socket was in is still its. */
  private async mayRecover(session: RecoveredSession): Promise<boolean> {
    const data = session.data as SocketData | undefined;
    const caller = data?.caller;
    if (!caller) return !session.rooms.some((room) => room !== session.sid);
    if (!caller.sessionId || (caller.expiresAt !== undefined && caller.expiresAt <= Date.now())) return false;
    const current = await this.tokens.liveSession(caller.sessionId);
    if (!current || current.userId !== caller.userId || current.governmentId !== caller.governmentId || current.role !== caller.role) return false;
    const bodyIds = current.governmentId ? await this.memberships.activeBodyIdsOf(current.governmentId) : [];
    const allowed = new Set([...roomsOfCaller(current, bodyIds), rooms.session(caller.sessionId), session.sid]);
    return session.rooms.every((room) => allowed.has(room));
  }

  /** Joins the rooms computed by the middleware; synchronous, so no event slips between connect and join. */
  handleConnection(socket: Socket): void {
    const data = socket.data as SocketData;
    const wanted = new Set(data.rooms ?? []);
    for (const room of socket.rooms) if (room !== socket.id && !wanted.has(room)) void socket.leave(room);
    if (wanted.size) void socket.join([...wanted]);
    const caller = data.caller;
    if (!caller) return;
    this.perUser.set(caller.userId, (this.perUser.get(caller.userId) ?? 0) + 1);
    if (caller.expiresAt) {
      // An expired token no longer entitles the socket to anything: the client refreshes and reconnects.
      const timer = setTimeout(() => socket.disconnect(true), Math.max(0, caller.expiresAt - Date.now()));
      timer.unref();
      this.expiryTimers.set(socket.id, timer);
    }
  }

  handleDisconnect(socket: Socket): void {
    const timer = this.expiryTimers.get(socket.id);
    if (timer) clearTimeout(timer);
    this.expiryTimers.delete(socket.id);
    const caller = (socket.data as SocketData | undefined)?.caller;
    if (!caller) return;
    const left = (this.perUser.get(caller.userId) ?? 1) - 1;
    if (left > 0) this.perUser.set(caller.userId, left);
    else this.perUser.delete(caller.userId);
  }

  private async authenticate(socket: Socket): Promise<void> {
    const token: unknown = socket.handshake.auth?.token;
    const data = socket.data as SocketData;
    if (token === undefined || token === null || token === '') {
      // The public: published communiqués only.
      data.caller = null;
      data.rooms = [];
      return;
    }
    if (typeof token !== 'string') throw new Error('auth.token must be a string');
    const caller = await this.tokens.verify(token);
    if ((this.perUser.get(caller.userId) ?? 0) >= this.config.socketsPerUser) {
      throw Object.assign(new Error(`At most ${this.config.socketsPerUser} open connections per user`), { statusCode: 429 });
    }
    const bodyIds = caller.governmentId ? await this.memberships.activeBodyIdsOf(caller.governmentId) : [];
    data.caller = caller;
    data.rooms = [...roomsOfCaller(caller, bodyIds), ...(caller.sessionId ? [rooms.session(caller.sessionId)] : [])];
    this.logger.debug(`socket ${socket.id} for user ${caller.userId} in ${data.rooms.length} rooms`);
  }
}
