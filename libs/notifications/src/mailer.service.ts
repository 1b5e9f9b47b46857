import { connect, type Socket } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { FORUM_CONFIG, ForumConfig } from '@forum/core';
import type { RenderedEmail } from './email-templates';
import { SmtpPool } from './smtp-pool';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  /** stable per message: a receiving system can recognise a resend */
  messageId: string;
}

/** messages over one pooled connection before it is reopened (`?maxMessages=` in SMTP_URL for a server that wants fewer) */
export const MESSAGES_PER_CONNECTION = 1000;

/**
 * The pool SMTP_URL describes: a few connections kept open (a new one costs a TCP and SMTP handshake and the
 * server's greeting pause, 103 ms against 0.9 ms for an email over an open one in the bench), each reopened
 * after 1,000 messages; `?maxConnections=` and `?maxMessages=` override the defaults. Time limits in seconds,
 * not minutes: a server that hangs fails the attempt, the queue retries it later, and a connection never sits
 * stuck for ten minutes after the server recovered.
 */
function poolFor(smtpUrl: string, email: ForumConfig['email']): SmtpPool {
  const { maxConnections, maxMessages, ...smtp } = parseConnectionUrl(smtpUrl) as SMTPConnection.Options & { maxConnections?: number; maxMessages?: number };
  return new SmtpPool({
    smtp: {
      connectionTimeout: email.connectionTimeoutMs,
      greetingTimeout: email.greetingTimeoutMs,
      socketTimeout: email.socketTimeoutMs,
      ...smtp,
    },
    maxConnections: Number(maxConnections) || email.maxConnections,
    maxMessages: Number(maxMessages) || MESSAGES_PER_CONNECTION,
    connect: connectWithoutDelay,
  });
}

/**
 * SMTP is a conversation of short commands, each waiting for the server's reply. With Nagle's algorithm on,
 * the kernel holds each small write back until the previous one is acknowledged, and Linux delays that
 * acknowledgement by 40 ms: an email over a pooled loopback connection took 53 ms, 5 ms with TCP_NODELAY.
 * nodemailer opens its sockets with Nagle on, so the pool opens each connection here and hands nodemailer's
 * SMTPConnection the connected socket (its `connection` option; TLS, for smtps, is then negotiated over it).
 */
export function connectWithoutDelay(options: SMTPConnection.Options, callback: (err: Error | null, socketOptions?: { connection: Socket }) => void): void {
  const socket = connect({ host: options.host ?? 'localhost', port: options.port ?? (options.secure ? 465 : 587), localAddress: options.localAddress });
  socket.setNoDelay(true);
  const timer = setTimeout(() => socket.destroy(new Error(`Connection to ${options.host}:${options.port} timed out`)), options.connectionTimeout ?? 10_000);
  const fail = (err: Error) => {
    clearTimeout(timer);
    callback(err);
  };
  socket.once('error', fail);
  socket.once('connect', () => {
    clearTimeout(timer);
    socket.removeListener('error', fail);
    callback(null, { connection: socket });
  });
}

/** One email's text for many recipients (a notification's batch): `send` gives each their own To and Message-ID. */
export interface PreparedEmail {
  send(to: string, messageId: string): Promise<void>;
}

const PLACEHOLDER_TO = 'recipient@placeholder.invalid';
const PLACEHOLDER_ID = '<message@placeholder.invalid>';
/** an address nodemailer writes as it is (no display name, no encoding): the header line can be written here */
const PLAIN_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/**
 * A compiled message (its MIME built once: the encodings chosen, the parts written, the boundaries drawn) as the
 * head and body of a template: the To and Message-ID lines of the head are the recipient's own. null when the
 * placeholders are not each on a line of their own, so the caller builds the message the ordinary way.
 */
export function templateOf(compiled: Buffer): ((to: string, messageId: string) => Buffer) | null {
  const split = compiled.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const head = compiled.subarray(0, split).toString('latin1').split('\r\n');
  const body = compiled.subarray(split);
  const toLine = head.indexOf(`To: ${PLACEHOLDER_TO}`);
  const idLine = head.indexOf(`Message-ID: ${PLACEHOLDER_ID}`);
  if (toLine < 0 || idLine < 0) return null;
  return (to, messageId) => {
    const lines = [...head];
    lines[toLine] = `To: ${to}`;
    lines[idLine] = `Message-ID: ${messageId}`;
    return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]);
  };
}

/** SMTP through nodemailer when SMTP_URL is set; otherwise the email is written to the log. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger('Mailer');
  private readonly pool: SmtpPool | null;

  constructor(@Inject(FORUM_CONFIG) private readonly config: ForumConfig) {
    this.pool = config.smtpUrl ? poolFor(config.smtpUrl, config.email) : null;
  }

  async send(email: OutgoingEmail): Promise<void> {
    if (!this.pool) {
      // MAIL_LOG=redacted (production without SMTP): never the body, which carries links and one-time tokens.
      if (this.config.mailLog === 'redacted') this.logger.log(`Email (no SMTP_URL configured, body not logged) to ${email.to}: ${email.subject}`);
      else this.logger.log(`Email (no SMTP_URL configured) to ${email.to}: ${email.subject}\n${email.text}`);
      return;
    }
    const message = new MailComposer({ ...this.message(email), to: email.to, messageId: email.messageId }).compile();
    const envelope = message.getEnvelope();
    await this.pool.send({ from: envelope.from || '', to: envelope.to }, await message.build());
  }

  /**
   * The same email to many: building the MIME is most of nodemailer's work per email, so it is built once and
   * each recipient's copy differs only in its To and Message-ID lines. An address that needs encoding (a name,
   * non-ASCII) goes the ordinary way.
   */
  async prepare(email: RenderedEmail): Promise<PreparedEmail> {
    const ordinary: PreparedEmail = { send: (to, messageId) => this.send({ ...email, to, messageId }) };
    const from = addressparser(this.config.mailFrom, { flatten: true })[0]?.address;
    if (!this.pool || !from) return ordinary;
    const compiled = await new MailComposer({ ...this.message(email), to: PLACEHOLDER_TO, messageId: PLACEHOLDER_ID }).compile().build();
    const copyFor = templateOf(compiled);
    if (!copyFor) return ordinary;
    const pool = this.pool;
    return {
      send: async (to, messageId) => {
        if (!PLAIN_ADDRESS.test(to) || !/^<[\x21-\x7e]+>$/.test(messageId)) return ordinary.send(to, messageId);
        await pool.send({ from, to: [to] }, copyFor(to, messageId));
      },
    };
  }

  /** Emails are on their way (a notification is being written): open the SMTP connections meanwhile. */
  warm(): void {
    this.pool?.warm();
  }

  private message(email: RenderedEmail) {
    return { from: this.config.mailFrom, subject: email.subject, text: email.text, html: email.html };
  }

  onApplicationShutdown(): void {
    this.pool?.close();
  }
}
