import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { Caller } from '@forum/core';
import { MembershipRepository } from '@forum/bodies';
import { AccessTokenService } from '@forum/identity';
import { roomsOfCaller } from './realtime-rooms';

interface SocketData {
  caller: Caller | null;
  rooms: string[];
}

/**
 * socket.io on the API's port and default path. Nest guards do not run on a connection, so the token is
 * checked in socket.io middleware with the same AccessTokenService as HTTP. With connection-state
 * recovery set not to skip middlewares, a recovering client is checked again before it gets what it missed.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit<Server>, OnGatewayConnection<Socket> {
  private readonly logger = new Logger('Realtime');
  @WebSocketServer() server: Server;

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly memberships: MembershipRepository,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: Error) => {
          const refusal = new Error(error.message || 'A valid access token is required') as Error & { data?: unknown };
          refusal.data = { statusCode: 401 };
          next(refusal);
        },
      );
    });
  }

  /** Joins the rooms computed by the middleware; synchronous, so no event slips between connect and join. */
  handleConnection(socket: Socket): void {
    const data = socket.data as SocketData;
    const wanted = new Set(data.rooms ?? []);
    // A recovered session brings back its old rooms; a body left meanwhile must not be among them.
    for (const room of socket.rooms) if (room !== socket.id && !wanted.has(room)) void socket.leave(room);
    if (wanted.size) void socket.join([...wanted]);
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
    const bodyIds = caller.governmentId ? await this.memberships.activeBodyIdsOf(caller.governmentId) : [];
    data.caller = caller;
    data.rooms = roomsOfCaller(caller, bodyIds);
    this.logger.debug(`socket ${socket.id} for user ${caller.userId} in ${data.rooms.length} rooms`);
  }
}
