import { BeforeApplicationShutdown, Injectable, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/** The part of Fastify used here (structural: Nest carries its own copy of fastify's types). */
interface DrainableFastify {
  server: unknown;
  addHook(name: 'preClose', hook: () => Promise<void>): unknown;
  addHook(
    name: 'onSend',
    hook: (request: unknown, reply: { header(name: string, value: string): unknown }, payload: unknown, done: (error: null, payload: unknown) => void) => void,
  ): unknown;
}

const draining = new WeakSet<object>();

/** Whether this server is draining: an answer written outside Fastify's onSend hooks adds `Connection: close` itself. */
export const isDraining = (fastify: object): boolean => draining.has(fastify);

/**
 * A graceful drain on SIGTERM/SIGINT. Nest closes the socket.io and HTTP servers before the database and
 * Redis; a server's close waits for its connections to end, which kept-alive clients under load never
 * do. So from the moment shutdown starts every response, including those to requests arriving on a
 * kept-alive connection, is answered normally (return503OnClosing is off) with `Connection: close`, and
 * idle connections are closed: clients move to another instance, the connections end, the close completes.
 */
export function drainOnClose(fastify: DrainableFastify): void {
  fastify.addHook('preClose', async () => {
    draining.add(fastify);
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining.has(fastify)) reply.header('connection', 'close');
    done(null, payload);
  });
}

@Injectable()
class HttpDrain implements BeforeApplicationShutdown {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  beforeApplicationShutdown(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<DrainableFastify>();
    if (!fastify) return;
    draining.add(fastify);
    (fastify.server as Server).closeIdleConnections?.();
  }
}

@Module({ providers: [HttpDrain] })
export class HttpDrainModule {}
