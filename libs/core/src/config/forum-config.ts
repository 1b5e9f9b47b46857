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
  /** a request (headers and body) must arrive within this; a trickled body is cut off */
  requestTimeoutMs: number;
  /** open sockets one user may hold on one instance */
  socketsPerUser: number;
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
  /** the AES-256-GCM key that encrypts secrets at rest (identity-provider client secrets, TOTP and webhook secrets) */
  secretsKey: Buffer;
  /** `secretariat`: secretariat accounts must use two-step sign-in (the production default) */
  requireMfa: 'secretariat' | 'off';
  /** hosts the server may call over plain HTTP and at private or loopback addresses (tests, internal networks) */
  allowHttpHosts: string[];
}

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Configuration error: ${variable} ${reason}`);
  }
}

/** The secret older versions shipped in the source: refused, so no token signed with it is ever accepted. */
const RETIRED_DEV_SECRETS = ['forum-development-secret-change-me-in-production'];
/** Outside production without JWT_SECRET: a random secret per process (npm start keeps one in .data/). */
let processSecret: string | null = null;
const randomProcessSecret = (): string => (processSecret ??= randomBytes(32).toString('hex'));
let processSecretsKey: string | null = null;
const randomProcessSecretsKey = (): string => (processSecretsKey ??= randomBytes(32).toString('hex'));

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ForumConfig {
  const mode = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'], 'development');
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const jwtSecret = env.JWT_SECRET || (mode === 'production' ? undefined : randomProcessSecret());
  if (!jwtSecret) throw new ConfigError('JWT_SECRET', 'must be set in production');
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  if (RETIRED_DEV_SECRETS.includes(jwtSecret)) throw new ConfigError('JWT_SECRET', 'is the published development secret; choose a random one');
  const secretsRaw = env.FORUM_SECRETS_KEY || (mode === 'production' ? undefined : randomProcessSecretsKey());
  if (!secretsRaw) throw new ConfigError('FORUM_SECRETS_KEY', 'must be set in production');
  if (secretsRaw.length < 32) throw new ConfigError('FORUM_SECRETS_KEY', 'must be at least 32 characters long');
  const adminEmail = env.FORUM_ADMIN_EMAIL?.trim() || null;
  const adminPassword = env.FORUM_ADMIN_PASSWORD || null;
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) {
    throw new ConfigError('FORUM_ADMIN_EMAIL', `is not an email address: "${adminEmail}"`);
  }
  if (adminEmail && !adminPassword) throw new ConfigError('FORUM_ADMIN_PASSWORD', 'must be set with FORUM_ADMIN_EMAIL');
  return {
    env: mode,
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/forum'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    redisPrefix: env.REDIS_PREFIX ?? 'forum',
    jwtSecret,
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 15 * 60, 30, 3600),
    sessionTtlSeconds: integer(env, 'FORUM_SESSION_TTL_SECONDS', 14 * 24 * 3600, 300, 90 * 24 * 3600),
    trustedProxies: proxies(env),
    apiRateLimit: integer(env, 'FORUM_API_RATE_LIMIT', 600, 0, 1_000_000),
    requestTimeoutMs: integer(env, 'FORUM_REQUEST_TIMEOUT_MS', 60_000, 500, 3_600_000),
    socketsPerUser: integer(env, 'FORUM_SOCKETS_PER_USER', 20, 1, 100_000),
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
    // any string of 32 characters or more; the key is its SHA-256, so a passphrase or a hex key both work
    secretsKey: createHash('sha256').update(secretsRaw, 'utf8').digest(),
    requireMfa: oneOf(env, 'FORUM_REQUIRE_MFA', ['secretariat', 'off'], mode === 'production' ? 'secretariat' : 'off'),
    allowHttpHosts: (env.FORUM_ALLOW_HTTP_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
  };
}

function proxies(env: NodeJS.ProcessEnv): string[] {
  const list = (env.FORUM_TRUSTED_PROXIES ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  for (const entry of list) {
    const [address, bits] = entry.split('/');
    if (isIP(address) === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      throw new ConfigError('FORUM_TRUSTED_PROXIES', `must list IP addresses or CIDR ranges, got "${entry}"`);
    }
  }
  return list;
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
