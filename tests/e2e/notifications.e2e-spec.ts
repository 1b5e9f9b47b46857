import type { NotificationIntent } from '@forum/contracts';
import { EmailHandler } from '@forum/notifications';
import { Factories, TestOfficial } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestSmtp, TestSmtp } from '../support/test-smtp';
import { connectSocket, waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';

/** An event with notification intents, written as a service writes it (outbox row, NOTIFY on commit). */
async function notify(t: TestApp, intents: NotificationIntent[]) {
  await t.dataSource.query(`INSERT INTO outbox_event (name, payload, audience, notify) VALUES ('meeting.updated', '{}', '{"kind":"none"}', $1)`, [
    JSON.stringify(intents),
  ]);
  await t.dataSource.query(`SELECT pg_notify('forum_outbox', '')`);
}

const intent = (key: string, governmentIds: string[], category: NotificationIntent['category'] = 'meetings'): NotificationIntent => ({
  category,
  key,
  recipients: { governmentIds },
  subject: { en: `Meeting moved ${key}`, fr: `Réunion déplacée ${key}` },
  body: { en: 'The meeting now starts at 10:00.', fr: 'La réunion commence maintenant à 10 h.' },
  link: '/meetings/123',
});

describe('notifications', () => {
  let t: TestApp;
  let worker: TestWorker;
  let smtp: TestSmtp;
  let f: Factories;
  let en: TestOfficial;
  let fr: TestOfficial;
  let outsider: TestOfficial;
  let governmentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    smtp = await startTestSmtp();
    worker = await startTestWorker(t, { smtpUrl: smtp.url });
    f = new Factories(t);
    governmentId = (await f.government()).id;
    en = await f.official(governmentId);
    fr = await f.official(governmentId, { locale: 'fr' });
    outsider = await f.official((await f.government()).id);
  });
  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
    await t?.close();
  });

  const inbox = async (who: TestOfficial) => (await t.http.get('/api/v1/notifications', who.token)).body;
  const mailsTo = (who: TestOfficial) => smtp.messages.filter((m) => m.to.includes(who.email));

  it('tells every official of the government once, in their language, in-app, on their socket and by email', async () => {
    const socket = await connectSocket(t.baseUrl, en.token);
    try {
      await notify(t, [intent('k1', [governmentId])]);
      const pushed = await socket.waitFor('notification');
      expect(pushed).toMatchObject({ title: 'Meeting moved k1', link: '/meetings/123', readAt: null, category: 'meetings' });

      await waitUntil(() => mailsTo(en).length && mailsTo(fr).length, 8000, 'both emails');
      const [mailEn] = mailsTo(en);
      const [mailFr] = mailsTo(fr);
      expect(mailEn.subject).toBe('Meeting moved k1');
      expect(mailFr.subject).toBe('Réunion déplacée k1');
      expect(mailFr.content).toContain('La réunion commence maintenant');
      expect(mailEn.raw).toMatch(/text\/plain/);
      expect(mailEn.raw).toMatch(/text\/html/);

      const listEn = await inbox(en);
      expect(listEn.items).toHaveLength(1);
      expect(listEn.items[0]).toMatchObject({ id: pushed.id, title: 'Meeting moved k1', body: 'The meeting now starts at 10:00.' });
      expect((await inbox(fr)).items[0].title).toBe('Réunion déplacée k1');
      expect((await inbox(outsider)).items).toEqual([]);
    } finally {
      socket.close();
    }
  });

  it('does not notify or email twice when the same intent comes again (retried job, relayed twice)', async () => {
    await notify(t, [intent('k1', [governmentId])]);
    await worker.settled();
    expect((await inbox(en)).items).toHaveLength(1);
    expect(mailsTo(en)).toHaveLength(1);
  });

  it('marks a notification read for its owner only', async () => {
    const [item] = (await inbox(en)).items;
    expect((await t.http.post(`/api/v1/notifications/${item.id}/read`, {}, outsider.token)).status).toBe(404);
    const read = await t.http.post(`/api/v1/notifications/${item.id}/read`, {}, en.token);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await inbox(en)).unread).toBe(0);
    expect((await t.http.post(`/api/v1/notifications/not-a-uuid/read`, {}, en.token)).status).toBe(400);
    expect((await t.http.get('/api/v1/notifications')).status).toBe(401);
  });

  it('follows each person’s preference per category: off sends no email, daily waits for the digest', async () => {
    expect((await t.http.get('/api/v1/notifications/preferences', en.token)).body).toEqual({
      meetings: 'immediately',
      action_items: 'immediately',
      communiques: 'immediately',
      membership: 'immediately',
      account: 'immediately',
      funding: 'immediately',
      indicators: 'immediately',
    });
    expect((await t.http.request('PUT', '/api/v1/notifications/preferences', { body: { meetings: 'weekly' }, token: en.token })).status).toBe(400);
    expect((await t.http.request('PUT', '/api/v1/notifications/preferences', { body: { colour: 'red' }, token: en.token })).status).toBe(400);
    const offEn = await t.http.request('PUT', '/api/v1/notifications/preferences', { body: { meetings: 'off' }, token: en.token });
    expect(offEn.status).toBe(200);
    expect(offEn.body.meetings).toBe('off');
    expect((await t.http.request('PUT', '/api/v1/notifications/preferences', { body: { meetings: 'daily' }, token: fr.token })).status).toBe(200);

    await notify(t, [intent('k2', [governmentId])]);
    await waitUntil(async () => (await inbox(en)).items.length === 2 && (await inbox(fr)).items.length === 2, 8000, 'the second notification');
    await worker.settled();
    expect(mailsTo(en)).toHaveLength(1);
    expect(mailsTo(fr)).toHaveLength(1);

    await worker.app.get(EmailHandler).handle('daily-digest', {}, 'test-digest');
    await waitUntil(() => mailsTo(fr).length === 2, 8000, 'the digest');
    expect(mailsTo(fr)[1].subject).toContain('Forum');
    expect(mailsTo(fr)[1].content).toContain('Réunion déplacée k2');
    // a second digest run has nothing left to send
    await worker.app.get(EmailHandler).handle('daily-digest', {}, 'test-digest-2');
    await worker.settled();
    expect(mailsTo(fr)).toHaveLength(2);
    expect(mailsTo(en)).toHaveLength(1);
  });
});

describe('account emails: invitations and password resets', () => {
  let t: TestApp;
  let worker: TestWorker;
  let smtp: TestSmtp;
  let f: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    smtp = await startTestSmtp();
    worker = await startTestWorker(t, { smtpUrl: smtp.url });
    f = new Factories(t);
  });
  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
    await t?.close();
  });

  const linkTo = async (email: string, count = 1) => {
    await waitUntil(() => smtp.messages.filter((m) => m.to.includes(email)).length >= count, 8000, `email ${count} to ${email}`);
    const mail = smtp.messages.filter((m) => m.to.includes(email))[count - 1];
    return { mail, token: /token=([A-Za-z0-9_-]+)/.exec(mail.content)![1] };
  };

  it('lets the secretariat invite an official who sets a password through a one-time link', async () => {
    const government = await f.government();
    const official = await f.official(government.id);
    const email = 'invited.person@forum.test';
    const body = { email, displayName: 'Invited Person', role: 'official', governmentId: government.id, locale: 'fr' };
    expect((await t.http.post('/api/v1/users/invitations', body, official.token)).status).toBe(403);
    expect((await t.http.post('/api/v1/users/invitations', { ...body, extra: 1 }, t.adminToken)).status).toBe(400);
    const invited = await t.http.post('/api/v1/users/invitations', body, t.adminToken);
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email, role: 'official', governmentId: government.id, locale: 'fr' });
    expect((await t.http.post('/api/v1/users/invitations', body, t.adminToken)).status).toBe(409);
    // No password yet: nobody can sign in to the account before the link is used.
    expect((await t.http.post('/api/v1/auth/login', { email, password: 'whatever password' })).status).toBe(401);

    const { mail, token } = await linkTo(email);
    expect(mail.subject).toContain('invité');
    const stored = await t.dataSource.query(`SELECT token_hash FROM account_token WHERE user_id = $1`, [invited.body.id]);
    expect(stored[0].token_hash).not.toContain(token);

    const accepted = await t.http.post('/api/v1/auth/invitations/accept', { token, password: 'my own password 1' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.accessToken).toEqual(expect.any(String));
    expect((await t.http.post('/api/v1/auth/invitations/accept', { token, password: 'another password 2' })).status).toBe(400);
    expect((await t.http.post('/api/v1/auth/login', { email, password: 'my own password 1' })).status).toBe(200);
  });

  it('resets a forgotten password without revealing whether the email has an account', async () => {
    const government = await f.government();
    const official = await f.official(government.id);
    const known = await t.http.post('/api/v1/auth/password-reset', { email: official.email });
    const unknown = await t.http.post('/api/v1/auth/password-reset', { email: 'nobody@forum.test' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);

    const { token } = await linkTo(official.email);
    expect((await t.http.post('/api/v1/auth/password-reset/confirm', { token: 'x'.repeat(43), password: 'new password 123' })).status).toBe(400);
    // an invitation link is not a reset link and the other way round
    expect((await t.http.post('/api/v1/auth/invitations/accept', { token, password: 'new password 123' })).status).toBe(400);
    expect((await t.http.post('/api/v1/auth/password-reset/confirm', { token, password: 'new password 123' })).status).toBe(200);
    expect((await t.http.post('/api/v1/auth/password-reset/confirm', { token, password: 'newer password 456' })).status).toBe(400);
    expect((await t.http.post('/api/v1/auth/login', { email: official.email, password: 'new password 123' })).status).toBe(200);
    await worker.settled();
    expect(smtp.messages.filter((m) => m.to.includes('nobody@forum.test'))).toEqual([]);
  });

  it('refuses an expired link', async () => {
    const official = await f.official((await f.government()).id);
    await t.http.post('/api/v1/auth/password-reset', { email: official.email });
    const { token } = await linkTo(official.email);
    await t.dataSource.query(`UPDATE account_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [official.id]);
    expect((await t.http.post('/api/v1/auth/password-reset/confirm', { token, password: 'new password 123' })).status).toBe(400);
  });

  it('shows the queue dashboard to the secretariat only', async () => {
    const official = await f.official((await f.government()).id);
    expect((await t.http.get('/admin/queues')).status).toBe(401);
    expect((await t.http.get('/admin/queues', official.token)).status).toBe(403);
    const page = await t.http.get('/admin/queues', t.adminToken);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const queues = await t.http.get('/admin/queues/api/queues', t.adminToken);
    expect(queues.status).toBe(200);
    expect(queues.text).toContain('notifications');
  });
});
