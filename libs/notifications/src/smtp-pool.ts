import type { Socket } from 'node:net';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

export interface SmtpEnvelope {
  from: string;
  to: string[];
}

export interface SmtpPoolOptions {
  /** nodemailer's connection options (host, port, secure, auth, tls, greeting and socket timeouts) */
  smtp: SMTPConnection.Options;
  maxConnections: number;
  /** messages over one connection before it is closed and a new one opened */
  maxMessages: number;
  /** opens the TCP connection (Nagle off: see connectWithoutDelay) */
  connect: (options: SMTPConnection.Options, callback: (err: Error | null, socketOptions?: { connection: Socket }) => void) => void;
}

/**
 * One connection of the pool: one message at a time. Any failure closes it (the server's state after a refused
 * command is not worth guessing), and the next message opens a new one.
 */
class Lane {
  private connection: SMTPConnection | null = null;
  private opening: Promise<SMTPConnection> | null = null;
  private sent = 0;
  /** the message in flight fails with the connection: nodemailer reports a lost socket as an event, not to the send */
  private failInFlight: ((error: Error) => void) | null = null;

  constructor(private readonly options: SmtpPoolOptions) {}

  open(): Promise<SMTPConnection> {
    if (this.connection) return Promise.resolve(this.connection);
    return (this.opening ??= this.connect().finally(() => (this.opening = null)));
  }

  async send(envelope: SmtpEnvelope, raw: Buffer): Promise<void> {
    const connection = await this.open();
    try {
      await new Promise<void>((resolve, reject) => {
        this.failInFlight = reject;
        connection.send(envelope, raw, (err) => (err ? reject(err) : resolve()));
      });
    } catch (error) {
      this.discard(connection);
      throw error;
    } finally {
      this.failInFlight = null;
    }
    if (++this.sent >= this.options.maxMessages) this.discard(connection, true);
  }

  close(): void {
    if (this.connection) this.discard(this.connection, true);
  }

  private async connect(): Promise<SMTPConnection> {
    const socket = await new Promise<Socket>((resolve, reject) =>
      this.options.connect(this.options.smtp, (err, opened) => (err || !opened ? reject(err ?? new Error('No socket')) : resolve(opened.connection))),
    );
    const connection = new SMTPConnection({ ...this.options.smtp, connection: socket });
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        connection.close();
        reject(error);
      };
      connection.once('error', fail);
      connection.once('end', () => fail(new Error('The SMTP server closed the connection before it was ready')));
      connection.connect(() => {
        const auth = this.options.smtp.auth as SMTPConnection.Credentials | undefined;
        if (!auth?.user) return void ((settled = true), resolve());
        connection.login(auth, (err) => {
          if (err) return fail(err);
          settled = true;
          resolve();
        });
      });
    });
    connection.removeAllListeners('error');
    connection.removeAllListeners('end');
    // an idle connection the server (or the socket timeout) closes is simply gone: the next message opens another
    const lost = (error?: Error) => {
      if (this.connection === connection) this.connection = null;
      this.failInFlight?.(error ?? new Error('The SMTP connection closed'));
    };
    connection.on('error', lost);
    connection.once('end', () => lost());
    this.connection = connection;
    this.sent = 0;
    return connection;
  }

  private discard(connection: SMTPConnection, politely = false): void {
    if (this.connection === connection) this.connection = null;
    if (politely) connection.quit();
    else connection.close();
  }
}

/**
 * The SMTP connections the worker keeps open, on nodemailer's SMTPConnection: a message is already MIME
 * (built once per text, see Mailer.prepare), so what is left per email is the SMTP conversation itself, not
 * nodemailer's Mail and pool layers rebuilding and re-streaming each message (an eighth of the worker's time).
 * `warm` opens the connections ahead of a burst: a server greets a new connection only after a pause (100 ms
 * for smtp-server, seconds for postscreen), paid then while the emails are still being written.
 */
export class SmtpPool {
  private readonly lanes: Lane[];
  private readonly free: Lane[];
  private readonly waiting: ((lane: Lane) => void)[] = [];

  constructor(options: SmtpPoolOptions) {
    this.lanes = Array.from({ length: Math.max(1, options.maxConnections) }, () => new Lane(options));
    this.free = [...this.lanes];
  }

  async send(envelope: SmtpEnvelope, raw: Buffer): Promise<void> {
    // the lane released last: its connection is open, where a quiet pool would otherwise open one per email
    const lane = this.free.pop() ?? (await new Promise<Lane>((resolve) => this.waiting.push(resolve)));
    try {
      await lane.send(envelope, raw);
    } finally {
      const next = this.waiting.shift();
      if (next) next(lane);
      else this.free.push(lane);
    }
  }

  /** opens every connection not open yet; a failure here is the next send's to report */
  warm(): void {
    for (const lane of this.lanes) lane.open().catch(() => undefined);
  }

  close(): void {
    for (const lane of this.lanes) lane.close();
  }
}
