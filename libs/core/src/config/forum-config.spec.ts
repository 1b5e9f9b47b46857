import { ConfigError, loadConfig } from './forum-config';

describe('configuration', () => {
  it('has working defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, env: 'development', redisUrl: 'redis://127.0.0.1:6379', demoData: false });
    expect(config.databaseUrl).toMatch(/^postgres:\/\//);
    expect([config.apiRateLimit, config.searchRateLimit]).toEqual([600, 60]);
  });

  it('takes the search limit from FORUM_SEARCH_RATE_LIMIT, which cannot turn it off', () => {
    expect(loadConfig({ FORUM_SEARCH_RATE_LIMIT: '1000000' }).searchRateLimit).toBe(1_000_000);
    expect(() => loadConfig({ FORUM_SEARCH_RATE_LIMIT: '0' })).toThrow(/FORUM_SEARCH_RATE_LIMIT must be between 1 and 1000000/);
  });

  it.each([
    ['PORT', 'eighty', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be between/],
    ['DATABASE_URL', 'mysql://x@y/z', /DATABASE_URL must start with postgres/],
    ['REDIS_URL', 'not a url', /REDIS_URL is not a valid URL/],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of/],
    ['FORUM_ADMIN_EMAIL', 'not-an-email', /FORUM_ADMIN_EMAIL is not an email/],
    ['JWT_SECRET', 'short', /JWT_SECRET must be at least 32/],
  ])('stops on a bad %s with a message naming it', (variable, value, message) => {
    const env: Record<string, string> = { [variable]: value };
    if (variable === 'FORUM_ADMIN_EMAIL') env.FORUM_ADMIN_PASSWORD = 'x';
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('requires a real JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set in production/);
  });

  it('names every bad variable at once, one sentence each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'x', REDIS_URL: 'nope', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((p) => p.variable)).toEqual(['PORT', 'REDIS_URL', 'LOG_LEVEL']);
    expect(message.split('\n')).toEqual([
      'Configuration error: PORT must be a whole number, got "x".',
      'Configuration error: REDIS_URL is not a valid URL: "nope".',
      'Configuration error: LOG_LEVEL must be one of error, warn, log, debug, got "loud".',
    ]);
  });

  it('requires SMTP in production, unless emails are logged redacted', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), FORUM_SECRETS_KEY: 'k'.repeat(40) };
    expect(() => loadConfig(production)).toThrow(/SMTP_URL must be set in production/);
    expect(loadConfig({ ...production, MAIL_LOG: 'redacted' })).toMatchObject({ smtpUrl: null, mailLog: 'redacted' });
    expect(loadConfig({ ...production, SMTP_URL: 'smtp://mail.example.org:587' })).toMatchObject({
      smtpUrl: 'smtp://mail.example.org:587',
      mailLog: 'redacted',
    });
    expect(() => loadConfig({ ...production, MAIL_LOG: 'full' })).toThrow(/SMTP_URL must be set in production/);
    expect(loadConfig({}).mailLog).toBe('full');
  });

  it("hashes passwords at argon2id's strong default, and production never below OWASP's floor", () => {
    expect(loadConfig({}).passwordHashing).toEqual({ memoryKib: 65536, timeCost: 3, parallelism: 4 });
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), FORUM_SECRETS_KEY: 'k'.repeat(40), MAIL_LOG: 'redacted' };
    expect(() => loadConfig({ ...production, PASSWORD_HASH_MEMORY_KIB: '1024' })).toThrow(
      /^Configuration error: PASSWORD_HASH_MEMORY_KIB must be between 19456 and 4194304, got 1024\.$/,
    );
    expect(loadConfig({ ...production, PASSWORD_HASH_MEMORY_KIB: '19456', PASSWORD_HASH_TIME_COST: '2' }).passwordHashing.memoryKib).toBe(19456);
    expect(() => loadConfig({ PASSWORD_HASH_TIME_COST: '1' })).toThrow(/PASSWORD_HASH_TIME_COST must be between 2 and 100/);
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: '1024' }).passwordHashing.memoryKib).toBe(1024);
  });

  it('takes a metrics token of 16 characters or more', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(16) }).metricsToken).toBe('a'.repeat(16));
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
  });
});
