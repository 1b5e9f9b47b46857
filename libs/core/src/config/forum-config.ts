import { createHash, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * The product's configuration, read from the environment once at start-up and validated.
 * Nothing else in the code base reads process.env.
 */
export interface ForumConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  /** prefix for every Redis key the product writes (queues, socket.io streams) */
  redisPrefix: string;
  jwtSecret: string;
  /** access-token lifetime: minutes, not hours (sessions are refreshed through the session cookie) */
  jwtTtlSeconds: number;
  /** how long a session lives without being refreshed (the refresh cookie's lifetime) */
  sessionTtlSeconds: number;
  /** peers whose X-Forwarded-For is believed (addresses or CIDR ranges); none by default */
  trustedProxies: string[];
  /** the general per-user and per-address limit, requests a minute; 0 turns it off */
  apiRateLimit: number;
  /** the search's own per-user limit, requests a minute (at least 1: it always applies) */
  searchRateLimit: number;
  /** a request (headers and body) must arrive within this; a trickled body is cut off */
  requestTimeoutMs: number;
  /** open sockets one user may hold on one instance */
  socketsPerUser: number;
  adminEmail: string | null;
  adminPassword: string | null;
  smtpUrl: string | null;
  /** without SMTP_URL, emails go to the log: whole (`full`, development) or only recipient and subject (`redacted`) */
  mailLog: 'full' | 'redacted';
  mailFrom: string;
  publicBaseUrl: string;
  webDistDir: string | null;
  /** the worker's outbox poll interval; LISTEN/NOTIFY wakes it earlier */
  outboxPollMs: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** load the demo governments, bodies, accounts and scenarios at start (npm start sets it) */
  demoData: boolean;
  /** log as JSON lines (production) or human-readable (development) */
  logFormat: 'json' | 'text';
  /** the day of the month after which a government that has not reported last month's figure is reminded */
  indicatorReminderDay: number;
  /** the database pool and the time limits each of its connections carries (reliability) */
  database: {
    poolSize: number;
    /** how long a request waits for a free pool connection before a 503 with Retry-After */
    acquireTimeoutMs: number;
    statementTimeoutMs: number;
    lockTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
    /** a query on a second connection while a transaction is held: throw (tests), warn, or off */
    transactionGuard: 'throw' | 'warn' | 'off';
  };
  /** relay loops per worker, sharing the outbox through SKIP LOCKED */
  outboxRelays: number;
  /** deliveries: Postgres's record of every job, swept against Redis */
  delivery: {
    sweepMs: number;
    /** a pending delivery untouched this long has its job looked up in Redis (and re-added when missing) */
    graceMs: number;
  };
  /** email: SMTP time limits, retries over a day, the worker's concurrency and the pooled connections */
  email: {
    connectionTimeoutMs: number;
    greetingTimeoutMs: number;
    socketTimeoutMs: number;
    attempts: number;
    backoffMs: number;
    backoffMaxMs: number;
    concurrency: number;
    maxConnections: number;
  };
  /** retention of relayed outbox rows and read notifications (never the audit) */
  retentionDays: number;
  /** readiness thresholds */
  ready: {
    maxOutboxLagSeconds: number;
    maxQueueDepth: number;
  };
  /** when set, GET /metrics needs `Authorization: Bearer <token>` */
  metricsToken: string | null;
  /** the worker's own /metrics port (it has no other HTTP); null: not served */
  workerMetricsPort: number | null;
  /** where the filesystem storage driver keeps document files (without S3_URL) */
  documentsDir: string;
  /** the largest document file accepted, in bytes (413 above it) */
  documentMaxBytes: number;
  /** `http(s)://key:secret@host:port/bucket`: documents live in that S3-compatible bucket (path-style) */
  s3Url: string | null;
  /** the AES-256-GCM key that encrypts secrets at rest (identity-provider client secrets, TOTP and webhook secrets) */
  secretsKey: Buffer;
  /** `secretariat`: secretariat accounts must use two-step sign-in (the production default) */
  requireMfa: 'secretariat' | 'off';
  /** hosts the server may call over plain HTTP and at private or loopback addresses (tests, internal networks) */
  allowHttpHosts: string[];
  /** argon2id's cost for new password hashes (a hash carries its own, so changing it never locks anyone out) */
  passwordHashing: { memoryKib: number; timeCost: number; parallelism: number };
}

export interface ConfigProblem {
  variable: string;
  reason: string;
}

/** Every bad variable at once, one sentence each (no stack trace is printed for it). */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(variable: string | ConfigProblem[], reason = '') {
    const problems = typeof variable === 'string' ? [{ variable, reason }] : variable;
    super(problems.map((p) => `Configuration error: ${p.variable} ${p.reason}.`).join('\n'));
    this.problems = problems;
  }
  get variable(): string {
    return this.problems[0].variable;
  }
}

/** The problems found by the current loadConfig call; the readers below record into it and return a fallback. */
let problems: ConfigProblem[] = [];
function bad<T>(variable: string, reason: string, fallback: T): T {
  problems.push({ variable, reason });
  return fallback;
}

/** The secret older versions shipped in the source: refused, so no token signed with it is ever accepted. */
const RETIRED_DEV_SECRETS = ['forum-development-secret-change-me-in-production'];
/** Outside production without JWT_SECRET: a random secret per process (npm start keeps one in .data/). */
let processSecret: string | null = null;
const randomProcessSecret = (): string => (processSecret ??= randomBytes(32).toString('hex'));
let processSecretsKey: string | null = null;
const randomProcessSecretsKey = (): string => (processSecretsKey ??= randomBytes(32).toString('hex'));

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ForumConfig {
  problems = [];
  const config = readConfig(env);
  const found = problems;
  problems = [];
  if (found.length) throw new ConfigError(found);
  return config;
}

function readConfig(env: NodeJS.ProcessEnv): ForumConfig {
  const mode = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'], 'development');
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const jwtSecret = env.JWT_SECRET || (mode === 'production' ? undefined : randomProcessSecret());
  if (!jwtSecret) bad('JWT_SECRET', 'must be set in production', null);
  else if (jwtSecret.length < 32) bad('JWT_SECRET', 'must be at least 32 characters long', null);
  else if (RETIRED_DEV_SECRETS.includes(jwtSecret)) bad('JWT_SECRET', 'is the published development secret; choose a random one', null);
  const secretsRaw = env.FORUM_SECRETS_KEY || (mode === 'production' ? undefined : randomProcessSecretsKey());
  if (!secretsRaw) bad('FORUM_SECRETS_KEY', 'must be set in production', null);
  else if (secretsRaw.length < 32) bad('FORUM_SECRETS_KEY', 'must be at least 32 characters long', null);
  const adminEmail = env.FORUM_ADMIN_EMAIL?.trim() || null;
  const adminPassword = env.FORUM_ADMIN_PASSWORD || null;
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) {
    bad('FORUM_ADMIN_EMAIL', `is not an email address: "${adminEmail}"`, null);
  }
  if (adminEmail && !adminPassword) bad('FORUM_ADMIN_PASSWORD', 'must be set with FORUM_ADMIN_EMAIL', null);
  const smtpUrl = env.SMTP_URL ? url(env, 'SMTP_URL', ['smtp:', 'smtps:'], '') || null : null;
  const mailLog = oneOf(env, 'MAIL_LOG', ['full', 'redacted'], mode === 'production' ? 'redacted' : 'full');
  // Production never writes whole emails (password-reset links, invitations) to its logs.
  if (mode === 'production' && !smtpUrl && env.MAIL_LOG !== 'redacted') {
    bad('SMTP_URL', 'must be set in production (or set MAIL_LOG=redacted to log only the recipient and subject of each email)', null);
  }
  return {
    env: mode,
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/forum'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    redisPrefix: env.REDIS_PREFIX ?? 'forum',
    jwtSecret: jwtSecret ?? '',
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 15 * 60, 30, 3600),
    sessionTtlSeconds: integer(env, 'FORUM_SESSION_TTL_SECONDS', 14 * 24 * 3600, 300, 90 * 24 * 3600),
    trustedProxies: proxies(env),
    apiRateLimit: integer(env, 'FORUM_API_RATE_LIMIT', 600, 0, 1_000_000),
    searchRateLimit: integer(env, 'FORUM_SEARCH_RATE_LIMIT', 60, 1, 1_000_000),
    requestTimeoutMs: integer(env, 'FORUM_REQUEST_TIMEOUT_MS', 60_000, 500, 3_600_000),
    socketsPerUser: integer(env, 'FORUM_SOCKETS_PER_USER', 20, 1, 100_000),
    adminEmail,
    adminPassword,
    smtpUrl,
    mailLog,
    mailFrom: env.MAIL_FROM ?? 'Forum <no-reply@forum.local>',
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', ['http:', 'https:'], `http://localhost:${port}`).replace(/\/$/, ''),
    webDistDir: env.WEB_DIST_DIR ?? null,
    outboxPollMs: integer(env, 'OUTBOX_POLL_MS', 1000, 10, 60000),
    indicatorReminderDay: integer(env, 'FORUM_INDICATOR_REMINDER_DAY', 10, 1, 28),
    logLevel: oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'], mode === 'test' ? 'warn' : 'log'),
    demoData: oneOf(env, 'FORUM_DEMO_DATA', ['true', 'false'], 'false') === 'true',
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'text'], mode === 'production' ? 'json' : 'text'),
    database: {
      poolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 500),
      acquireTimeoutMs: integer(env, 'DB_ACQUIRE_TIMEOUT_MS', 5000, 100, 120000),
      statementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 30000, 100, 3600000),
      lockTimeoutMs: integer(env, 'DB_LOCK_TIMEOUT_MS', 5000, 100, 600000),
      idleInTransactionTimeoutMs: integer(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 30000, 100, 3600000),
      transactionGuard: oneOf(env, 'DB_TRANSACTION_GUARD', ['throw', 'warn', 'off'], mode === 'test' ? 'throw' : 'warn'),
    },
    outboxRelays: integer(env, 'OUTBOX_RELAYS', 2, 1, 32),
    delivery: {
      sweepMs: integer(env, 'DELIVERY_SWEEP_MS', 30000, 50, 3600000),
      graceMs: integer(env, 'DELIVERY_GRACE_MS', 60000, 0, 86400000),
    },
    email: {
      connectionTimeoutMs: integer(env, 'SMTP_CONNECTION_TIMEOUT_MS', 10000, 100, 600000),
      greetingTimeoutMs: integer(env, 'SMTP_GREETING_TIMEOUT_MS', 10000, 100, 600000),
      socketTimeoutMs: integer(env, 'SMTP_SOCKET_TIMEOUT_MS', 30000, 100, 600000),
      // 10 s, 20 s, … doubling up to an hour between attempts: 34 attempts span a little over 24 hours
      attempts: integer(env, 'EMAIL_ATTEMPTS', 34, 1, 1000),
      backoffMs: integer(env, 'EMAIL_BACKOFF_MS', 10000, 1, 86400000),
      backoffMaxMs: integer(env, 'EMAIL_BACKOFF_MAX_MS', 3600000, 1, 86400000),
      concurrency: integer(env, 'EMAIL_CONCURRENCY', 20, 1, 500),
      maxConnections: integer(env, 'SMTP_MAX_CONNECTIONS', 10, 1, 100),
    },
    retentionDays: integer(env, 'RETENTION_DAYS', 90, 1, 36500),
    ready: {
      maxOutboxLagSeconds: integer(env, 'READY_MAX_OUTBOX_LAG_SECONDS', 60, 1, 86400),
      maxQueueDepth: integer(env, 'READY_MAX_QUEUE_DEPTH', 100000, 1, 100000000),
    },
    workerMetricsPort: env.WORKER_METRICS_PORT ? integer(env, 'WORKER_METRICS_PORT', 0, 1, 65535) || null : null,
    metricsToken: env.METRICS_TOKEN
      ? env.METRICS_TOKEN.length >= 16
        ? env.METRICS_TOKEN
        : bad('METRICS_TOKEN', 'must be at least 16 characters long', null)
      : null,
    documentsDir: env.FORUM_DOCUMENTS_DIR || '.data/documents',
    documentMaxBytes: integer(env, 'FORUM_DOCUMENT_MAX_BYTES', 50 * 1024 * 1024, 1, 1024 * 1024 * 1024 * 1024),
    s3Url: env.S3_URL ? url(env, 'S3_URL', ['http:', 'https:'], '') : null,
    // any string of 32 characters or more; the key is its SHA-256, so a passphrase or a hex key both work
    secretsKey: createHash('sha256')
      .update(secretsRaw ?? '', 'utf8')
      .digest(),
    requireMfa: oneOf(env, 'FORUM_REQUIRE_MFA', ['secretariat', 'off'], mode === 'production' ? 'secretariat' : 'off'),
    passwordHashing: passwordHashing(env, mode),
    allowHttpHosts: (env.FORUM_ALLOW_HTTP_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  };
}

function proxies(env: NodeJS.ProcessEnv): string[] {
  const list = (env.FORUM_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const entry of list) {
    const [address, bits] = entry.split('/');
    if (isIP(address) === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      return bad('FORUM_TRUSTED_PROXIES', `must list IP addresses or CIDR ranges, got "${entry}"`, []);
    }
  }
  return list;
}

/**
 * argon2id at 64 MiB, 3 passes, 4 lanes by default. Production may lower it to OWASP's floor (19 MiB, 2 passes) and no
 * further; outside production it may go lower still, which is what keeps a test suite that creates hundreds of accounts
 * from spending its minutes hashing.
 */
function passwordHashing(env: NodeJS.ProcessEnv, mode: ForumConfig['env']): ForumConfig['passwordHashing'] {
  const production = mode === 'production';
  return {
    memoryKib: integer(env, 'PASSWORD_HASH_MEMORY_KIB', 65536, production ? 19456 : 1024, 4 * 1024 * 1024),
    timeCost: integer(env, 'PASSWORD_HASH_TIME_COST', 3, 2, 100),
    parallelism: integer(env, 'PASSWORD_HASH_PARALLELISM', 4, 1, 16),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) return bad(name, `must be a whole number, got "${raw}"`, fallback);
  const value = Number(raw);
  if (value < min || value > max) return bad(name, `must be between ${min} and ${max}, got ${value}`, fallback);
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    return bad(name, `must be one of ${allowed.join(', ')}, got "${raw}"`, fallback);
  }
  return raw as T;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[], fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return bad(name, `is not a valid URL: "${raw}"`, fallback);
  }
  if (!protocols.includes(parsed.protocol)) {
    return bad(name, `must start with ${protocols.map((p) => p + '//').join(' or ')}, got "${raw}"`, fallback);
  }
  return raw;
}
