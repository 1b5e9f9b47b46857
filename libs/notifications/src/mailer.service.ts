import { connect, type Socket } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import { FORUM_CONFIG, ForumConfig } from '@forum/core';
import type { RenderedEmail } from './email-templates';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  /** stable per message: a receiving system can recognise a resend */
  messageId: string;
}

/**
 * A connection per email costs a TCP and SMTP handshake each time (148 ms against 44 ms pooled in the
 * bench): keep a few connections open unless SMTP_URL says otherwise.
 */
function pooled(smtpUrl: string, email: ForumConfig['email']): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', String(email.maxConnections));
  // Seconds, not nodemailer's minutes: a server that hangs fails the attempt, the queue retries it later,
  // and a pooled connection never sits stuck for ten minutes after the server recovered.
  if (!url.searchParams.has('connectionTimeout')) url.searchParams.set('connectionTimeout', String(email.connectionTimeoutMs));
  if (!url.searchParams.has('greetingTimeout')) url.searchParams.set('greetingTimeout', String(email.greetingTimeoutMs));
  if (!url.searchParams.has('socketTimeout')) url.searchParams.set('socketTimeout', String(email.socketTimeoutMs));
  return url.toString();
}

/**
 * SMTP is a conversation of short commands, each waiting for the server's reply. With Nagle's algorithm on,
 * the kernel holds each small write back until the previous one is acknowledged, and Linux delays that
 * acknowledgement by 40 ms: an email over a pooled loopback connection took 53 ms, 5 ms with TCP_NODELAY.
 * nodemailer opens its sockets with Nagle on, so the connection is opened here (an already-connected socket
 * is what its getSocket hook accepts; TLS, for smtps, is then negotiated over it by nodemailer).
 */
export function connectWithoutDelay(options: SMTPPool.Options, callback: (err: Error | null, socketOptions?: { connection: Socket }) => void): void {
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

function transportFor(smtpUrl: string, email: ForumConfig['email']): Transporter {
  const url = pooled(smtpUrl, email);
  const query = new URL(url).searchParams;
  // a proxy is nodemailer's own use of the same hook: leave it the connection
  const getSocket = query.has('proxy') ? undefined : connectWithoutDelay;
  return nodemailer.createTransport(query.get('pool') === 'false' ? new SMTPTransport({ url, getSocket }) : new SMTPPool({ url, pool: true, getSocket }));
}

/** SMTP through nodemailer when SMTP_URL is set; otherwise the email is written to the log. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter | null;

  constructor(@Inject(FORUM_CONFIG) private readonly config: ForumConfig) {
    this.transport = config.smtpUrl ? transportFor(config.smtpUrl, config.email) : null;
  }

  async send(email: OutgoingEmail): Promise<void> {
    if (!this.transport) {
      // MAIL_LOG=redacted (production without SMTP): never the body, which carries links and one-time tokens.
      if (this.config.mailLog === 'redacted') this.logger.log(`Email (no SMTP_URL configured, body not logged) to ${email.to}: ${email.subject}`);
      else this.logger.log(`Email (no SMTP_URL configured) to ${email.to}: ${email.subject}\n${email.text}`);
      return;
    }
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
