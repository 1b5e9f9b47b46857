import { Logger } from '@nestjs/common';
import { loadConfig } from '@forum/core';
import { Mailer } from './mailer.service';

const email = {
  to: 'official@example.org',
  subject: 'Reset your password',
  text: 'Open https://forum.example.org/en/reset-password?token=secret-one-time-token',
  html: '<a href="https://forum.example.org/en/reset-password?token=secret-one-time-token">Reset</a>',
  messageId: '<m1@forum>',
};

describe('Mailer without SMTP', () => {
  let logged: string[];
  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => void logged.push(String(message)));
  });
  afterEach(() => jest.restoreAllMocks());

  it('MAIL_LOG=redacted logs recipient and subject, never the body, its links or tokens', async () => {
    const mailer = new Mailer(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), FORUM_SECRETS_KEY: 'k'.repeat(40), MAIL_LOG: 'redacted' }));
    await mailer.send(email);
    expect(logged.join('\n')).toContain('official@example.org');
    expect(logged.join('\n')).toContain('Reset your password');
    expect(logged.join('\n')).not.toMatch(/secret-one-time-token|reset-password|https?:/);
  });

  it('in development (MAIL_LOG=full) logs the whole text, as a convenience', async () => {
    const mailer = new Mailer(loadConfig({}));
    await mailer.send(email);
    expect(logged.join('\n')).toContain('secret-one-time-token');
  });
});
