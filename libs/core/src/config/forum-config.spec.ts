import { ConfigError, loadConfig } from './forum-config';

describe('configuration', () => {
  it('has working defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, env: 'development', redisUrl: 'redis://127.0.0.1:6379', demoData: false });
    expect(config.databaseUrl).toMatch(/^postgres:\/\//);
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
});
