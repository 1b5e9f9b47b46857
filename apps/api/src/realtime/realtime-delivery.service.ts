import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue, Worker } from 'bullmq';
import { FORUM_CONFIG, ForumConfig, logQueueErrors, redisConnectionOptions } from '@forum/core';
import { QUEUES, type DomainEventPayloads, type RealtimeJob } from '@forum/contracts';
import { MembershipRepository } from '@forum/bodies';
import { RealtimeGateway } from './realtime.gateway';

import { rooms, roomsFor } from './realtime-rooms';

export type RealtimeOutcome = 'emitted' | 'skipped';

/**
 * Consumes the realtime queue in the API process. BullMQ gives each job to one instance; the emit goes
 * through the Redis Streams adapter, so the sockets of every instance receive it.
 */
@Injectable()
export class RealtimeDelivery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RealtimeDelivery');
  private worker: Worker | null = null;

  constructor(
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    private readonly gateway: RealtimeGateway,
    private readonly memberships: MembershipRepository,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker(QUEUES.realtime, (job) => this.deliver(job.data as RealtimeJob), {
      connection: redisConnectionOptions(this.config.redisUrl),
      prefix: this.config.redisPrefix,
      // One at a time per instance: a membership change must take effect before the events that follow it.
      concurrency: 1,
    });
    // The API adds to every queue (Bull Board, domain services): their reconnection errors are logged once in a while.
    const queues = Object.values(QUEUES).map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    logQueueErrors([...queues, this.worker], this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async deliver(job: RealtimeJob): Promise<RealtimeOutcome> {
    const io = this.gateway.server;
    if (!io) throw new Error('socket.io is not ready yet');
    if (job.toEach) {
      for (const { userId, payload } of job.toEach) io.to(rooms.user(userId)).emit(job.name, payload);
      return job.toEach.length ? 'emitted' : 'skipped';
    }
    const target = roomsFor(job.audience);
    if (target.everyone) {
      io.emit(job.name, job.payload);
      return 'emitted';
    }
    const to = [...target.rooms];
    if (job.name === 'membership.changed') {
      const { bodyId, governmentId } = job.payload as DomainEventPayloads['membership.changed'];
      await this.followMembership(bodyId, governmentId);
      // The government whose seat changed is told too, even when the change removed it.
      to.push(rooms.government(governmentId));
    }
    if (!to.length) return 'skipped';
    io.to(to).emit(job.name, job.payload);
    return 'emitted';
  }

  /**
   * Makes the government's sockets, on every instance, join or leave the body's room. The current state
   * is read rather than the event's, so jobs that run late or twice still leave the rooms right.
   */
  private async followMembership(bodyId: string, governmentId: string): Promise<void> {
    const io = this.gateway.server;
    const member = await this.memberships.findActive(bodyId, governmentId);
    if (member) io.in(rooms.government(governmentId)).socketsJoin(rooms.body(bodyId));
    else io.in(rooms.government(governmentId)).socketsLeave(rooms.body(bodyId));
  }
}
