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
  /** where the filesystem storage driver keeps document files (without S3_URL) */
  documentsDir: string;
  /** the largest document file accepted, in bytes (413 above it) */
  documentMaxBytes: number;
  /** `http(s)://key:secret@host:port/bucket`: documents live in that S3-compatible bucket (path-style) */
  s3Url: string | null;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Configuration error: ${variable} ${reason}`);
  }
}

const DEV_JWT_SECRET = 'forum-development-secret-change-me-in-production';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ForumConfig {
  const mode = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'], 'development');
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const jwtSecret = env.JWT_SECRET ?? (mode === 'production' ? undefined : DEV_JWT_SECRET);
  if (!jwtSecret) throw new ConfigError('JWT_SECRET', 'must be set in production');
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  const adminEmail = env.FORUM_ADMIN_EMAIL?.trim() || null;
  const adminPassword = env.FORUM_ADMIN_PASSWORD || null;
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) {
    throw new ConfigError('FORUM_ADMIN_EMAIL', `is not an email address: "${adminEmail}"`);
  }
  if (adminEmail && !adminPassword) throw new ConfigError('FORUM_ADMIN_PASSWORD', 'must be set with FORUM_ADMIN_EMAIL');
  return {
    env: mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/forum'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    redisPrefix: env.REDIS_PREFIX ?? 'forum',
    jwtSecret,
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    adminEmail,
    adminPassword,
    smtpUrl: env.SMTP_URL ? url(env, 'SMTP_URL', ['smtp:', 'smtps:'], '') : null,
    mailFrom: env.MAIL_FROM ?? 'Forum <no-reply@forum.local>',
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', ['http:', 'https:'], `http://localhost:${port}`).replace(/\/$/, ''),
    webDistDir: env.WEB_DIST_DIR ?? null,
    outboxPollMs: integer(env, 'OUTBOX_POLL_MS', 1000, 10, 60000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'], mode === 'test' ? 'warn' : 'log'),
    demoData: oneOf(env, 'FORUM_DEMO_DATA', ['true', 'false'], 'false') === 'true',
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'text'], mode === 'production' ? 'json' : 'text'),
    documentsDir: env.FORUM_DOCUMENTS_DIR || '.data/documents',
    documentMaxBytes: integer(env, 'FORUM_DOCUMENT_MAX_BYTES', 50 * 1024 * 1024, 1, 1024 * 1024 * 1024 * 1024),
    s3Url: env.S3_URL ? url(env, 'S3_URL', ['http:', 'https:'], '') : null,
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
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
    throw new ConfigError(name, `is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => p + '//').join(' or ')}, got "${raw}"`);
  }
  return raw;
}
