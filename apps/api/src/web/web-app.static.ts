import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ForumConfig } from '@forum/core';

/** The web app's own paths: each serves index.html and the app routes in the browser. */
export const WEB_APP_PATHS = ['/', '/login', '/bodies', '/meetings', '/action-items', '/accountability', '/communiques', '/notifications', '/join-requests', '/people', '/funding-claims', '/indicators', '/search', '/integrations'];

/**
 * The pages emailed links open, in the language of the address. Named one by one: a /:lang/* route here
 * would shadow the server-rendered public portal at /en|fr/communiques.
 */
export const WEB_APP_LANGUAGE_PATHS = ['en', 'fr'].flatMap((lang) => [`/${lang}/accept-invitation`, `/${lang}/reset-password`]);

export function webDistDir(config: Pick<ForumConfig, 'webDistDir'>): string {
  return resolve(config.webDistDir ?? join(__dirname, '..', '..', '..', 'web', 'dist'));
}

/**
 * Serves the built web app on the API's port when it has been built. Only the files that exist and the
 * app's own paths are routed, so /api, /socket.io, the public pages and /admin/queues are never shadowed.
 */
export async function serveWebApp(app: NestFastifyApplication, config: Pick<ForumConfig, 'webDistDir'>): Promise<boolean> {
  const root = webDistDir(config);
  if (!existsSync(join(root, 'index.html'))) return false;
  // @fastify/static is typed against the root fastify; Nest carries its own copy of the same major
  await app.register(fastifyStatic as never, { root, prefix: '/', wildcard: false, index: false, decorateReply: true });
  const fastify = app.getHttpAdapter().getInstance();
  const sendIndex = (_request: unknown, reply: { header(k: string, v: string): unknown; sendFile(file: string): unknown }) => {
    // the shell must be revalidated so a new build is picked up; its hashed assets may be cached for ever
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  for (const path of WEB_APP_PATHS) {
    fastify.get(path, sendIndex as never);
    if (path !== '/') fastify.get(`${path}/*`, sendIndex as never);
  }
  for (const path of WEB_APP_LANGUAGE_PATHS) fastify.get(path, sendIndex as never);
  return true;
}
