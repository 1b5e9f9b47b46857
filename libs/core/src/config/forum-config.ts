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
  jwtTtlSeconds: number;
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
  /** when set, GET /metrics needs `Authorization: Bearer <token>` */
  metricsToken: string | null;
  /** the worker's own /metrics port (it has no other HTTP); null: not served */
  workerMetricsPort: number | null;
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

const DEV_JWT_SECRET = 'forum-development-secret-change-me-in-production';

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
  const jwtSecret = env.JWT_SECRET ?? (mode === 'production' ? undefined : DEV_JWT_SECRET);
  if (!jwtSecret) bad('JWT_SECRET', 'must be set in production', null);
  else if (jwtSecret.length < 32) bad('JWT_SECRET', 'must be at least 32 characters long', null);
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
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/forum'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    redisPrefix: env.REDIS_PREFIX ?? 'forum',
    jwtSecret: jwtSecret ?? '',
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    adminEmail,
    adminPassword,
    smtpUrl,
    mailLog,
    mailFrom: env.MAIL_FROM ?? 'Forum <no-reply@forum.local>',
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', ['http:', 'https:'], `http://localhost:${port}`).replace(/\/$/, ''),
    webDistDir: env.WEB_DIST_DIR ?? null,
    outboxPollMs: integer(env, 'OUTBOX_POLL_MS', 1000, 10, 60000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'], mode === 'test' ? 'warn' : 'log'),
    demoData: oneOf(env, 'FORUM_DEMO_DATA', ['true', 'false'], 'false') === 'true',
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'text'], mode === 'production' ? 'json' : 'text'),
    workerMetricsPort: env.WORKER_METRICS_PORT ? integer(env, 'WORKER_METRICS_PORT', 0, 1, 65535) || null : null,
    metricsToken: env.METRICS_TOKEN ? (env.METRICS_TOKEN.length >= 16 ? env.METRICS_TOKEN : bad('METRICS_TOKEN', 'must be at least 16 characters long', null)) : null,
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
