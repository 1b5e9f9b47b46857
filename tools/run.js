#!/usr/bin/env node
/*
 * npm start / npm test / npm run bench / npm run soak / npm run migrate.
 * Finds Postgres and Redis (configured, local, or started here: embedded PostgreSQL under .data/ and the
 * machine's redis-server), then runs the product, the test suite or the benchmarks against them.
 * Plain JavaScript so it runs before anything is compiled.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DATA = path.join(ROOT, '.data');
const EMBEDDED_PG_PORT = 54329;
const LOCAL_REDIS_PORT = 63790;
const children = [];
const cleanups = [];

function say(message) {
  process.stdout.write(`[forum] ${message}\n`);
}

function portAnswers(port, host = '127.0.0.1', timeoutMs = 800) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function postgresAnswers(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(adminUrl, name) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Returns an admin URL (…/postgres) of a server that answers, starting an embedded one if none does. */
async function resolvePostgres() {
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  const forceEmbedded = process.env.FORUM_EMBEDDED_POSTGRES === 'always';
  if (!forceEmbedded && (await postgresAnswers(local))) return { adminUrl: local, source: 'the local PostgreSQL on 127.0.0.1:5432' };
  const embeddedUrl = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/postgres`;
  if (await postgresAnswers(embeddedUrl)) return { adminUrl: embeddedUrl, source: 'the embedded PostgreSQL already running' };
  say(
    `${forceEmbedded ? 'FORUM_EMBEDDED_POSTGRES=always' : 'No PostgreSQL answers on 127.0.0.1:5432'}: starting an embedded one (data in .data/postgres, port ${EMBEDDED_PG_PORT})`,
  );
  await startEmbeddedPostgres(path.join(DATA, 'postgres'));
  return { adminUrl: embeddedUrl, source: 'an embedded PostgreSQL' };
}

/**
 * The embedded PostgreSQL runs in a detached helper (its own process group): Ctrl-C reaches the apps, which
 * drain against a database that is still up, and the helper is stopped last, by shutdown().
 */
async function startEmbeddedPostgres(databaseDir) {
  fs.mkdirSync(DATA, { recursive: true });
  const helper = spawn(process.execPath, [path.join(ROOT, 'tools', 'embedded-postgres.mjs'), databaseDir, String(EMBEDDED_PG_PORT)], {
    cwd: ROOT,
    detached: true,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => helper.once('exit', resolve));
  const answer = await new Promise((resolve) => {
    let buffered = '';
    helper.stdout.setEncoding('utf8');
    helper.stdout.on('data', (chunk) => {
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l === 'ready' || l.startsWith('error:'));
      if (line) resolve(line);
    });
    helper.once('exit', () => resolve('error: the embedded PostgreSQL stopped while starting'));
  });
  if (answer !== 'ready') throw new Error(`The embedded PostgreSQL did not start (${answer.slice('error: '.length)}).`);
  cleanups.push(async () => {
    if (helper.exitCode === null) helper.stdin.end('exit\n');
    await exited;
  });
}

/** The maxmemory-policy of a Redis, or null when it cannot be read (CONFIG disabled, no answer). */
async function redisPolicy(url) {
  const Redis = require('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const [, policy] = await redis.config('GET', 'maxmemory-policy');
    return policy ?? null;
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

function redisServerBinary() {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** Returns a Redis URL that answers, starting the machine's redis-server if none does. */
async function resolveRedis() {
  if (await portAnswers(6379)) {
    // A Redis that may evict keys would lose queued jobs; it may be shared, so it is never reconfigured here.
    const policy = await redisPolicy('redis://127.0.0.1:6379');
    if (policy === null || policy === 'noeviction') return { url: 'redis://127.0.0.1:6379', source: 'the local Redis on 127.0.0.1:6379' };
    say(`The Redis on 127.0.0.1:6379 has maxmemory-policy "${policy}" (Forum needs "noeviction"); leaving it as it is.`);
  }
  if (await portAnswers(LOCAL_REDIS_PORT)) return { url: `redis://127.0.0.1:${LOCAL_REDIS_PORT}`, source: 'the Redis started earlier' };
  const binary = redisServerBinary();
  if (!binary) {
    console.error('Forum needs Redis: install it (for example `apt-get install redis-server`) or set REDIS_URL to a running Redis.');
    process.exit(1);
  }
  say(`No usable Redis on 127.0.0.1:6379: starting ${binary} on port ${LOCAL_REDIS_PORT}`);
  // Append-only file under .data/redis: a restart keeps the queued jobs (Postgres's deliveries cover the rest).
  const REDIS_DATA = path.join(DATA, 'redis');
  fs.mkdirSync(REDIS_DATA, { recursive: true });
  // BullMQ needs noeviction: an evicted job key is a lost job.
  const child = spawn(
    binary,
    [
      '--port',
      String(LOCAL_REDIS_PORT),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
      '--dir',
      REDIS_DATA,
    ],
    {
      stdio: 'ignore',
      // its own process group: Ctrl-C reaches the apps first; shutdown() stops it after they drained
      detached: true,
    },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
  for (let i = 0; i < 50 && !(await portAnswers(LOCAL_REDIS_PORT)); i++) await new Promise((r) => setTimeout(r, 100));
  return { url: `redis://127.0.0.1:${LOCAL_REDIS_PORT}`, source: 'a redis-server started for this run' };
}

/**
 * The services a command needs: `database` (the product's database, "forum") and/or `admin` (a server the
 * tests and benchmarks create their own databases on). DATABASE_URL, when set, is used as given: no
 * PostgreSQL is probed or started then, and the tests' admin URL is the same server's "postgres" database.
 */
async function services({ database = true, admin = false } = {}) {
  let databaseUrl = process.env.DATABASE_URL;
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL || (databaseUrl ? withDatabase(databaseUrl, 'postgres') : undefined);
  if ((database && !databaseUrl) || (admin && !adminUrl)) {
    const pg = await resolvePostgres();
    adminUrl = adminUrl || pg.adminUrl;
    if (database && !databaseUrl) {
      await ensureDatabase(pg.adminUrl, 'forum');
      databaseUrl = withDatabase(pg.adminUrl, 'forum');
      say(`Database: ${pg.source}, database "forum"`);
    }
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await resolveRedis();
    redisUrl = redis.url;
    say(`Redis: ${redis.source}`);
  }
  return { databaseUrl, adminUrl, redisUrl };
}

function tsNodeEnv(extra) {
  return { ...process.env, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'), ...extra };
}

function runTs(script, env, name) {
  const child = spawn(process.execPath, ['--enable-source-maps', '-r', '@swc-node/register', path.join(ROOT, script)], {
    cwd: ROOT,
    env: tsNodeEnv(env),
    stdio: 'inherit',
  });
  child.name = name;
  children.push(child);
  return child;
}

async function shutdown(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  process.exit(code);
}

/** The newest modification time under the given files and folders (0 when none exists). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** Builds the web application when apps/web/dist is missing or older than its sources. */
function buildWebIfStale() {
  const pkg = require(path.join(ROOT, 'package.json'));
  const dist = path.join(ROOT, 'apps', 'web', 'dist', 'index.html');
  if (!pkg.scripts['build:web'] || process.env.WEB_DIST_DIR) return;
  const web = path.join(ROOT, 'apps', 'web');
  const sources = newestMtime([
    path.join(web, 'src'),
    path.join(web, 'index.html'),
    path.join(web, 'vite.config.mts'),
    path.join(ROOT, 'libs', 'contracts', 'src'),
  ]);
  const built = fs.existsSync(dist) ? fs.statSync(dist).mtimeMs : 0;
  if (built && built >= sources) return;
  say(built ? 'The web sources changed since the last build: building the web application…' : 'Building the web application (first start only)…');
  const result = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) say('The web application did not build; the API and public pages still run.');
}

/**
 * The JWT secret of this checkout: JWT_SECRET when set, else a random one made on the first start and kept
 * in .data/jwt-secret (owner-only), so sessions survive a restart and no secret ever comes from the source.
 */
function jwtSecret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = path.join(DATA, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DATA, { recursive: true });
    fs.writeFileSync(file, require('node:crypto').randomBytes(48).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    say('Generated a random JWT secret in .data/jwt-secret (set JWT_SECRET to use your own).');
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * Validates the configuration before anything starts: one sentence per bad variable, no stack trace.
 * Loads only libs/core/src/config/forum-config.ts (through @swc-node/register), the one reader of the env.
 */
function checkConfiguration(env) {
  process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(ROOT, 'tsconfig.base.json');
  require('@swc-node/register');
  const { loadConfig, ConfigError } = require(path.join(ROOT, 'libs', 'core', 'src', 'config', 'forum-config.ts'));
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** Fails with one sentence when the HTTP port is taken, before any service starts. */
async function checkPortFree(port, host) {
  if (!port) return;
  const problem = await new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error) => resolve(error.code || String(error)));
    server.listen(port, host, () => server.close(() => resolve(null)));
  });
  if (problem === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use on ${host}: stop what listens there or set PORT to a free port.`);
    process.exit(1);
  }
  if (problem === 'EACCES') {
    console.error(`Port ${port} on ${host} needs privileges this user does not have: set PORT to a port above 1023.`);
    process.exit(1);
  }
}

/** The key that encrypts secrets at rest: FORUM_SECRETS_KEY when set, else a random one kept in .data/secrets-key. */
function secretsKey() {
  if (process.env.FORUM_SECRETS_KEY) return process.env.FORUM_SECRETS_KEY;
  const file = path.join(DATA, 'secrets-key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DATA, { recursive: true });
    fs.writeFileSync(file, require('node:crypto').randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    say('Generated a random secrets key in .data/secrets-key (set FORUM_SECRETS_KEY to use your own).');
  }
  return fs.readFileSync(file, 'utf8').trim();
}

async function start() {
  const host = process.env.HOST || '127.0.0.1';
  const config = checkConfiguration({ ...process.env, HOST: host, FORUM_DEMO_DATA: process.env.FORUM_DEMO_DATA ?? 'true' });
  await checkPortFree(config.port, host);
  const { databaseUrl, redisUrl } = await services();
  buildWebIfStale();
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    FORUM_DEMO_DATA: process.env.FORUM_DEMO_DATA ?? 'true',
    JWT_SECRET: jwtSecret(),
    FORUM_SECRETS_KEY: secretsKey(),
    HOST: host,
  };
  say(
    host === '127.0.0.1' || host === 'localhost' || host === '::1'
      ? `Listening on ${host} only (this machine); set HOST=0.0.0.0 to accept connections from the network.`
      : `Listening on ${host}: reachable from the network.`,
  );
  const migrate = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'tools/migrate.ts')], {
    cwd: ROOT,
    env: tsNodeEnv(env),
    stdio: 'inherit',
  });
  if (migrate.status !== 0) return shutdown(1);
  const api = runTs('apps/api/src/main.ts', env, 'api');
  if (fs.existsSync(path.join(ROOT, 'apps/worker/src/main.ts'))) runTs('apps/worker/src/main.ts', { ...env, FORUM_DEMO_DATA: 'false' }, 'worker');
  for (const child of children) {
    child.once('exit', (code, signal) => {
      if (!stopping) {
        say(`${child.name} stopped (${signal ?? code}); stopping everything.`);
        stopping = true;
        void shutdown(code ?? 1);
      }
    });
  }
  void api;
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    say('Shutting down…');
    void shutdown(0);
  });
}

async function test(args) {
  const { adminUrl, redisUrl } = await services({ database: false, admin: true });
  const env = { ...process.env, TEST_DATABASE_ADMIN_URL: adminUrl, TEST_REDIS_URL: redisUrl };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/jest/bin/jest.js'), ...args], { cwd: ROOT, env, stdio: 'inherit' });
  children.push(child);
  child.once('exit', (code) => {
    children.length = 0;
    void shutdown(code ?? 1);
  });
}

async function bench(args) {
  const { databaseUrl, adminUrl, redisUrl } = await services({ admin: true });
  const child = runTs(
    'bench/run.ts',
    { DATABASE_URL: databaseUrl, TEST_DATABASE_ADMIN_URL: adminUrl, REDIS_URL: redisUrl, BENCH_ARGS: args.join(' ') },
    'bench',
  );
  child.once('exit', (code) => {
    children.length = 0;
    void shutdown(code ?? 1);
  });
}

async function soak(args) {
  const { databaseUrl, adminUrl, redisUrl } = await services({ admin: true });
  const child = runTs(
    'bench/soak.ts',
    { DATABASE_URL: databaseUrl, TEST_DATABASE_ADMIN_URL: adminUrl, REDIS_URL: redisUrl, BENCH_ARGS: args.join(' ') },
    'soak',
  );
  child.once('exit', (code) => {
    children.length = 0;
    void shutdown(code ?? 1);
  });
}

async function migrateRevert(args = []) {
  const { databaseUrl } = await services();
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'tools/migrate.ts'), 'revert', ...args], {
    cwd: ROOT,
    env: tsNodeEnv({ DATABASE_URL: databaseUrl }),
    stdio: 'inherit',
  });
  await shutdown(result.status ?? 1);
}

async function migrateOnly() {
  checkConfiguration(process.env);
  const { databaseUrl } = await services();
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'tools/migrate.ts')], {
    cwd: ROOT,
    env: tsNodeEnv({ DATABASE_URL: databaseUrl }),
    stdio: 'inherit',
  });
  await shutdown(result.status ?? 1);
}

const [command, ...args] = process.argv.slice(2);
const commands = { start, test, bench, soak, migrate: migrateOnly, 'migrate:revert': migrateRevert };
if (!commands[command]) {
  console.error(`usage: node tools/run.js ${Object.keys(commands).join('|')} [args]`);
  process.exit(2);
}
commands[command](args).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void shutdown(1);
});
