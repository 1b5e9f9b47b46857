import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
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

/** SMTP through nodemailer when SMTP_URL is set; otherwise the email is written to the log. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter | null;

  constructor(@Inject(FORUM_CONFIG) private readonly config: ForumConfig) {
    this.transport = config.smtpUrl ? nodemailer.createTransport(pooled(config.smtpUrl, config.email)) : null;
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
