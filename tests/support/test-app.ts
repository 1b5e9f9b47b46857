import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ForumConfig, loadConfig } from '@forum/core';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createTestDatabase, TestDatabase } from './test-database';
import { TEST_REDIS_URL } from './test-env';

export const ADMIN_EMAIL = 'secretariat@forum.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';
export const OFFICIAL_PASSWORD = 'official password 123';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A small HTTP client over fetch that never throws on a status, so tests assert on it. */
export class HttpClient {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body: payload });
    const text = await response.text();
    let body: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
    return { status: response.status, body: body as T, headers: response.headers, text };
  }

  get<T = any>(path: string, token?: string | null) {
    return this.request<T>('GET', path, { token });
  }
  post<T = any>(path: string, body: unknown, token?: string | null) {
    return this.request<T>('POST', path, { body, token });
  }
  patch<T = any>(path: string, body: unknown, token?: string | null) {
    return this.request<T>('PATCH', path, { body, token });
  }
  delete<T = any>(path: string, token?: string | null) {
    return this.request<T>('DELETE', path, { token });
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  config: ForumConfig;
  database: TestDatabase;
  dataSource: DataSource;
  http: HttpClient;
  baseUrl: string;
  /** the access token of the secretariat account created through FORUM_ADMIN_EMAIL */
  adminToken: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** reuse an existing database (a second API instance over the same data) */
  database?: TestDatabase;
  redisPrefix?: string;
}

/** Boots the real API (Fastify, Postgres, Redis) on a random port over a database of its own. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const redisPrefix = options.redisPrefix ?? `forum-test-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    FORUM_ADMIN_EMAIL: ADMIN_EMAIL,
    FORUM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PORT: '0',
    LOG_LEVEL: 'error',
    // suites that hammer the API turn the general limit off; tests/e2e/security sets it back on
    FORUM_API_RATE_LIMIT: '0',
    // hundreds of accounts are created per run: the cheapest argon2id the configuration allows outside production
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_TIME_COST: '2',
    PASSWORD_HASH_PARALLELISM: '1',
    // one secret for the whole run, so a worker process started by a test checks the same tokens
    ...(process.env.JWT_SECRET && { JWT_SECRET: process.env.JWT_SECRET }),
    ...(process.env.FORUM_SECRETS_KEY && { FORUM_SECRETS_KEY: process.env.FORUM_SECRETS_KEY }),
    ...options.env,
  });
  const app = await createApiApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const http = new HttpClient(baseUrl);
  const login = await http.post('/api/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.text}`);
  const ownsDatabase = !options.database;
  return {
    app,
    config: { ...config, publicBaseUrl: baseUrl },
    database,
    dataSource: app.get(DataSource),
    http,
    baseUrl,
    // empty when the admin must enrol in two-step sign-in first (FORUM_REQUIRE_MFA=secretariat)
    adminToken: login.body.accessToken ?? '',
    async close() {
      await app.close();
      if (ownsDatabase) {
        await clearRedisPrefix(redisPrefix);
        await database.drop();
      }
    },
  };
}

export async function clearRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
