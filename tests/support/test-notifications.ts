import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { NotificationIntent } from '@forum/contracts';
import type { TestApp } from './test-app';

/** An outbox event that notifies one government's officials of a published agenda (`key` tells the emails apart). */
export async function notifyAgendaPublished(t: TestApp, key: string, governmentId: string) {
  const intent: NotificationIntent = {
    category: 'meetings',
    key,
    recipients: { governmentIds: [governmentId] },
    subject: { en: `Agenda published ${key}`, fr: `Ordre du jour publié ${key}` },
    body: { en: 'Published.', fr: 'Publié.' },
  };
  await t.dataSource.query(`INSERT INTO outbox_event (name, payload, audience, notify) VALUES ('agenda.updated', '{}', '{"kind":"none"}', $1)`, [
    JSON.stringify([intent]),
  ]);
  await t.dataSource.query(`SELECT pg_notify('forum_outbox', '')`);
}

/**
 * The worker in a process of its own (tests/support/test-worker-process.ts), short locks and stall checks, so a test
 * can kill it mid-job; resolves once it is ready.
 */
export async function forkWorkerProcess(t: TestApp, smtpUrl: string): Promise<ChildProcess> {
  const root = join(__dirname, '..', '..');
  const child = fork(join(root, 'tests', 'support', 'test-worker-process.ts'), [], {
    cwd: root,
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...process.env,
      SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'),
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: t.database.url,
      REDIS_URL: t.config.redisUrl,
      REDIS_PREFIX: t.config.redisPrefix,
      SMTP_URL: smtpUrl,
      OUTBOX_POLL_MS: '200',
      TEST_WORKER_LOCK_MS: '2000',
      TEST_WORKER_STALLED_MS: '1000',
    },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code}`)));
  });
  return child;
}
