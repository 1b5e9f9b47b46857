import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ForumConfig } from '@forum/core';

/** The web app's own paths: each serves index.html and the app routes in the browser. */
export const WEB_APP_PATHS = [
  '/',
  '/login',
  '/bodies',
  '/meetings',
  '/action-items',
  '/accountability',
  '/communiques',
  '/notifications',
  '/join-requests',
  '/people',
  '/funding-claims',
  '/indicators',
  '/search',
  '/integrations',
  '/translations',
];

/**
 * The pages emailed links open, in the language of the address, and /en and /fr (the app's home in that
 * language). Named one by one: a /:lang/* route here would shadow the server-rendered public portal at /en|fr/communiques.
 */
export const WEB_APP_LANGUAGE_PATHS = ['en', 'fr'].flatMap((lang) => [`/${lang}`, `/${lang}/accept-invitation`, `/${lang}/reset-password`]);

/** Vite's content-hashed build output: a new build gets new names, so these may be kept for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Paths whose unknown addresses stay machine answers (JSON 404s from the API, socket.io, Bull Board, missing assets). */
const MACHINE_PATHS = /^\/(api|socket\.io|admin|assets|metrics)(\/|$|\?)/;

export function webDistDir(config: Pick<ForumConfig, 'webDistDir'>): string {
  return resolve(config.webDistDir ?? join(__dirname, '..', '..', '..', 'web', 'dist'));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 404 page when there is no web build to answer with: both languages, as Canada.ca's own 404 page. */
export function notFoundPage(path: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found — Forum / Page introuvable — Forum</title></head>
<body>
<main>
<section><h1>Page not found</h1><p>There is no page at <code>${escapeHtml(path)}</code>. <a href="/?lang=en">Go to the Forum's home page</a> or <a href="/en/communiques">read the public communiqués</a>.</p></section>
<section lang="fr"><h2>Page introuvable</h2><p>Aucune page ne se trouve à <code>${escapeHtml(path)}</code>. <a href="/?lang=fr">Aller à la page d'accueil du Forum</a> ou <a href="/fr/communiques">lire les communiqués publics</a>.</p></section>
</main>
</body>
</html>
`;
}

/**
 * Unknown addresses a person opens (GET or HEAD outside the API) answer a page, never a JSON body: the web
 * app's shell with status 404 (the app shows its "Page not found" page, with its title, in the reader's
 * language), or a bilingual server-rendered page when the app has not been built. The API's own 404s stay JSON.
 */
export function answerUnknownPagesWithHtml(fastify: FastifyInstance, root: string | null): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.is404 || (request.method !== 'GET' && request.method !== 'HEAD') || MACHINE_PATHS.test(request.url)) return;
    const shell = root ? await readFile(join(root, 'index.html'), 'utf8').catch(() => null) : null;
    const path = request.url.split('?')[0];
    return reply
      .code(404)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(shell ?? notFoundPage(path));
  });
}

/**
 * Serves the built web app on the API's port when it has been built. Only the files that exist and the
 * app's own paths are routed, so /api, /socket.io, the public pages and /admin/queues are never shadowed.
 * Inside its own plugin scope: its files (and only they) are compressed (br, else gzip), the hashed assets
 * are cached for a year and the shell is revalidated on every visit, so a new build is picked up at once.
 */
export async function serveWebApp(app: NestFastifyApplication, config: Pick<ForumConfig, 'webDistDir'>): Promise<boolean> {
  const root = webDistDir(config);
  const built = existsSync(join(root, 'index.html'));
  answerUnknownPagesWithHtml(app.getHttpAdapter().getInstance() as unknown as FastifyInstance, built ? root : null);
  if (!built) return false;
  const assets = join(root, 'assets') + sep;
  const webApp = async (scope: FastifyInstance) => {
    await scope.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
    await scope.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      decorateReply: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.startsWith(assets) ? IMMUTABLE : 'no-cache');
      },
    });
    const sendIndex = (_request: FastifyRequest, reply: FastifyReply) => {
      // the shell must be revalidated so a new build is picked up; its hashed assets may be cached for ever
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    };
    for (const path of WEB_APP_PATHS) {
      scope.get(path, sendIndex);
      if (path !== '/') scope.get(`${path}/*`, sendIndex);
    }
    for (const path of WEB_APP_LANGUAGE_PATHS) scope.get(path, sendIndex);
  };
  // @fastify/static and @fastify/compress are typed against the root fastify; Nest carries its own copy of the same major
  await app.register(webApp as never);
  return true;
}
