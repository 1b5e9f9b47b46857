import type { AddressInfo } from 'node:net';
import { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@forum/core';
import { startTestSmtp, TestSmtp } from '../support/test-smtp';
import { waitFor } from '../support/timeouts';
import { Mailer } from '../../libs/notifications/src/mailer.service';

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

describe('Mailer over SMTP', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(() => smtp?.close());
  afterEach(() => jest.restoreAllMocks());

  it('keeps a pooled connection open beyond nodemailer’s 100 messages (a new one costs about as much as a hundred emails)', async () => {
    const noDelay = jest.spyOn(Socket.prototype, 'setNoDelay');
    const mailer = new Mailer(loadConfig({ SMTP_URL: `${smtp.url}?maxConnections=1` }));
    const port = Number(new URL(smtp.url).port);
    try {
      const prepared = await mailer.prepare({ subject: 'Many', text: 'Many.', html: '<p>Many.</p>' });
      for (let i = 0; i < 120; i++) await prepared.send('many@example.org', `<many-${i}@forum>`);
    } finally {
      mailer.onApplicationShutdown();
    }
    const opened = noDelay.mock.contexts.filter((socket, i) => (socket as Socket).remotePort === port && noDelay.mock.calls[i][0] === true);
    expect(opened).toHaveLength(1);
  });

  it('sends one prepared email to many, each with their own To and Message-ID, the same text; an address needing encoding the ordinary way', async () => {
    const mailer = new Mailer(loadConfig({ SMTP_URL: smtp.url }));
    const prepared = await mailer.prepare({ subject: 'Ordre du jour publié : « réunion »', text: 'Publié.\n\nOuvrir', html: '<p>Publié.</p>' });
    const recipients = ['one@example.org', 'two@example.org', 'José <jose@exämple.org>'];
    try {
      await Promise.all(recipients.map((to, i) => prepared.send(to, `<prepared-${i}@forum>`)));
    } finally {
      mailer.onApplicationShutdown();
    }
    const received = recipients.map((_, i) => smtp.messages.find((m) => m.messageId === `<prepared-${i}@forum>`)!);
    expect(received.map((m) => m.to)).toEqual([['one@example.org'], ['two@example.org'], ['jose@exämple.org']]);
    for (const m of received) {
      expect(m.subject).toBe('Ordre du jour publié : « réunion »');
      expect(m.content).toContain('Publié.');
      expect(m.raw).toMatch(/^From: .+$/m);
    }
    expect(received[0].raw).toMatch(/^To: one@example\.org\r?$/m);
  });

  it('talks SMTP over a socket with Nagle off (each command is not held back 40 ms for an acknowledgement)', async () => {
    const noDelay = jest.spyOn(Socket.prototype, 'setNoDelay');
    const mailer = new Mailer(loadConfig({ SMTP_URL: smtp.url }));
    const port = Number(new URL(smtp.url).port);
    try {
      await mailer.send({ ...email, messageId: '<m-nodelay@forum>' });
      await mailer.send({ ...email, messageId: '<m-nodelay-2@forum>' });
      // the mailer's end of the pooled connection (the server's own sockets are not the point)
      const clientSockets = noDelay.mock.contexts.filter((socket, i) => (socket as Socket).remotePort === port && noDelay.mock.calls[i][0] === true);
      expect(clientSockets).toHaveLength(1);
    } finally {
      mailer.onApplicationShutdown();
    }
    expect(smtp.messages.map((m) => m.messageId)).toEqual(expect.arrayContaining(['<m-nodelay@forum>', '<m-nodelay-2@forum>']));
  });

  it('fails an attempt, not the process, when nothing listens', async () => {
    const mailer = new Mailer(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:9' }));
    try {
      await expect(mailer.send(email)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      mailer.onApplicationShutdown();
    }
  });
});

/** An SMTP server that counts the connections it is opened and closed, and refuses the recipients it is told to. */
async function countingSmtp(options: { socketTimeout?: number; refuse?: RegExp } = {}) {
  const seen = { opened: 0, closed: 0, accepted: [] as string[] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    ...(options.socketTimeout ? { socketTimeout: options.socketTimeout } : {}),
    onConnect(_session, callback) {
      seen.opened++;
      callback();
    },
    onClose() {
      seen.closed++;
    },
    onRcptTo(address, _session, callback) {
      callback(options.refuse?.test(address.address) ? Object.assign(new Error('No such user'), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        seen.accepted.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('Mailer’s pool of SMTP connections', () => {
  const mail = (to: string, i: number) => ({ ...email, to, messageId: `<pool-${i}@forum>` });

  it('opens its connections ahead of the first email when warmed, and sends over them without opening more', async () => {
    const smtp = await countingSmtp();
    const mailer = new Mailer(loadConfig({ SMTP_URL: `${smtp.url}?maxConnections=3` }));
    try {
      mailer.warm();
      await waitFor('three connections greeted before any email', () => smtp.seen.opened === 3);
      await Promise.all([0, 1, 2, 3, 4, 5].map((i) => mailer.send(mail(`warm${i}@example.org`, i))));
      expect(smtp.seen.accepted).toHaveLength(6);
      expect(smtp.seen.opened).toBe(3);
    } finally {
      mailer.onApplicationShutdown();
      await smtp.close();
    }
  });

  it('replaces a connection the server closed while it sat idle', async () => {
    const smtp = await countingSmtp({ socketTimeout: 300 });
    const mailer = new Mailer(loadConfig({ SMTP_URL: `${smtp.url}?maxConnections=1` }));
    try {
      await mailer.send(mail('first@example.org', 10));
      await waitFor('the server to close the idle connection', () => smtp.seen.closed === 1);
      await mailer.send(mail('second@example.org', 11));
      expect(smtp.seen.accepted).toEqual(['first@example.org', 'second@example.org']);
      expect(smtp.seen.opened).toBe(2);
    } finally {
      mailer.onApplicationShutdown();
      await smtp.close();
    }
  });

  it('fails only the email whose recipient is refused; the next one goes', async () => {
    const smtp = await countingSmtp({ refuse: /^gone@/ });
    const mailer = new Mailer(loadConfig({ SMTP_URL: `${smtp.url}?maxConnections=1` }));
    try {
      await expect(mailer.send(mail('gone@example.org', 20))).rejects.toThrow(/No such user|Recipient command failed/);
      await mailer.send(mail('here@example.org', 21));
      expect(smtp.seen.accepted).toEqual(['here@example.org']);
    } finally {
      mailer.onApplicationShutdown();
      await smtp.close();
    }
  });
});
