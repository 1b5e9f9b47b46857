/*
 * The product as the bench and the soak run it: the real API and worker as child processes on a database of
 * their own, with a run-scoped Redis prefix, a random JWT secret and an SMTP sink; and the clean-up that leaves
 * nothing behind. Shared by bench/run.ts and bench/soak.ts so both measure the same thing.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { QUEUES } from '@forum/contracts';
import { redisConnectionOptions } from '@forum/core';
import { Child, freePort, ROOT, sleep, startTs, waitForHttp } from './child-processes';
import { BENCH_PASSWORD, SECRETARIAT_EMAIL } from './volume-loader';

export interface RunIdentity {
  runId: string;
  /** every Redis key of the run starts with it, so clearing the run never touches anyone else's keys */
  redisPrefix: string;
  jwtSecret: string;
}

export function newRunIdentity(kind: string): RunIdentity {
  const runId = randomBytes(4).toString('hex');
  return { runId, redisPrefix: `forum-${kind}-${runId}`, jwtSecret: randomBytes(32).toString('hex') };
}

export interface Official {
  id: string;
  email: string;
  governmentId: string | null;
}

/**
 * The product's own claims and algorithm: signing them here spares hundreds of argon2 logins (one real login is
 * checked in startProduct).
 */
export function signToken(secret: string, u: Official, role: 'official' | 'secretariat' = 'official'): string {
  // every access token belongs to a server-side session: benchSessions() opens one per account, with the account's id
  return jwt.sign({ sub: u.id, sid: u.id, email: u.email, role, gov: u.governmentId }, secret, { algorithm: 'HS256', expiresIn: 3600 * 4 });
}

/** One live session per loaded account (id = the user's id), so the tokens signToken() makes are accepted. */
export async function benchSessions(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl, application_name: 'forum-bench-sessions' });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO session (id, user_id, refresh_hash, last_used_at, expires_at)
       SELECT id, id, 'bench', now(), now() + interval '1 day' FROM user_account ON CONFLICT (id) DO NOTHING`,
    );
  } finally {
    await db.end();
  }
}

export interface ProductOptions {
  databaseUrl: string;
  redisUrl: string;
  run: RunIdentity;
  smtpUrl: string;
  /** the CPU profiler preload (bench/cpu-profile.ts) */
  profileDir?: string;
  /** the resource probe preload (bench/resource-probe.ts) */
  probe?: boolean;
  /** where uploaded documents are stored (the run's own temporary directory) */
  documentsDir?: string;
}

export interface Product {
  api: Child;
  worker: Child | null;
  apiUrl: string;
  apiPort: number;
  /** a real login's access token: proves the loaded accounts work */
  secretariatToken: string;
  children: Child[];
}

/**
 * Starts the api and (if the tree has one) the worker exactly as production does, waits until both are ready,
 * and checks one real login. `children` is filled as they start, so the caller can stop them even on failure.
 */
export async function startProduct(options: ProductOptions, children: Child[]): Promise<Product> {
  const apiPort = await freePort();
  const productEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.run.redisPrefix,
    JWT_SECRET: options.run.jwtSecret,
    // production requires a key for the secrets it stores (identity providers, webhooks): the run's own
    FORUM_SECRETS_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    FORUM_DEMO_DATA: 'false',
    HOST: '127.0.0.1',
    SMTP_URL: options.smtpUrl,
    // load generators: the general per-user limit off, the search's raised out of the way, many sockets per benchmark account
    FORUM_API_RATE_LIMIT: '0',
    FORUM_SEARCH_RATE_LIMIT: '1000000',
    FORUM_SOCKETS_PER_USER: '100000',
    ...(options.documentsDir ? { FORUM_DOCUMENTS_DIR: options.documentsDir } : {}),
  };
  const instrumentation = { profileDir: options.profileDir, probe: options.probe };
  const api = startTs('api', 'apps/api/src/main.ts', { ...productEnv, PORT: String(apiPort), PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}` }, instrumentation);
  children.push(api);
  const hasWorker = existsSync(join(ROOT, 'apps/worker/src/main.ts'));
  const worker = hasWorker ? startTs('worker', 'apps/worker/src/main.ts', { ...productEnv, PORT: '0' }, instrumentation) : null;
  if (worker) children.push(worker);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitForHttp(`${apiUrl}/api/v1/health`, api);
  await benchSessions(options.databaseUrl);
  if (worker) await waitForWorker(worker, options.redisUrl, options.run.redisPrefix);

  const login = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: SECRETARIAT_EMAIL, password: BENCH_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`the loaded secretariat account cannot log in (${login.status}): ${await login.text()}`);
  // A secretariat account in production signs in in two steps (the answer is a challenge, not a token): the
  // password check above proves the loaded accounts work; the token is signed like the officials'.
  const { accessToken } = (await login.json()) as { accessToken?: string };
  return { api, worker, apiUrl, apiPort, secretariatToken: accessToken ?? (await secretariatTokenOf(options.databaseUrl, options.run.jwtSecret)), children };
}

async function secretariatTokenOf(databaseUrl: string, secret: string): Promise<string> {
  const db = new Client({ connectionString: databaseUrl, application_name: 'forum-bench-sessions' });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; email: string }>(`SELECT id, email FROM user_account WHERE email = $1`, [SECRETARIAT_EMAIL]);
    return signToken(secret, { id: rows[0].id, email: rows[0].email, governmentId: null }, 'secretariat');
  } finally {
    await db.end();
  }
}

/** The worker has no port and logs nothing at warn level: it is ready once its email queue worker is connected. */
async function waitForWorker(worker: Child, redisUrl: string, redisPrefix: string, timeoutMs = 90_000): Promise<void> {
  const queue = new Queue(QUEUES.email, { connection: redisConnectionOptions(redisUrl), prefix: redisPrefix });
  const deadline = Date.now() + timeoutMs;
  try {
    while ((await queue.getWorkersCount()) === 0) {
      if (worker.process.exitCode !== null) throw new Error(`worker exited (${worker.process.exitCode}):\n${worker.tail.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`worker not ready within ${timeoutMs / 1000} s:\n${worker.tail.join('\n')}`);
      await sleep(250);
    }
  } finally {
    await queue.close();
  }
}

export async function waitForLine(child: Child, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!child.tail.some((l) => l.includes(text))) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited (${child.process.exitCode}):\n${child.tail.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`${child.name} did not say "${text}" within ${timeoutMs / 1000} s:\n${child.tail.join('\n')}`);
    await sleep(200);
  }
}

/**
 * Waits (bounded) until the outbox has nothing pending and no other statement runs on the run's database, twice in
 * a row; false if it never got there. Between figures, so that one figure's leftovers (queries a timed-out client
 * abandoned, events still being relayed) are not measured as the next figure's cost.
 */
export async function settle(db: Client, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 2 && Date.now() < deadline) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM outbox_event WHERE relayed_at IS NULL)
            + (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()))::int AS n`,
    );
    quiet = rows[0].n === 0 ? quiet + 1 : 0;
    await sleep(500);
  }
  return quiet >= 2;
}

/** Removes the run's keys (queues, socket.io streams); bounded by the prefix, so nobody else's are touched. */
export async function clearRedis(redisUrl: string, redisPrefix: string): Promise<void> {
  const redis = new Redis({ ...redisConnectionOptions(redisUrl), retryStrategy: () => null });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
