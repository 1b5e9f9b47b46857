import { Factories, TestOfficial } from '../support/factories';
import { OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';

const NBSP = '\u00a0';

/**
 * The bilingual record end to end: a text written in French awaits its English side, readers see the original
 * with its state, the secretariat's queue lists it until the translation arrives, an agenda goes out only in
 * both languages or with its translation to follow, and its recipients hear once when the translation arrives.
 * Notifications read in each recipient's language and zone (NL, SK, BC) on both sides of a daylight-saving change.
 */
describe('bilingual record', () => {
  let t: TestApp;
  let worker: TestWorker;
  let f: Factories;
  let bodyId: string;
  let french: { id: string; token: string };
  let nlFr: TestOfficial;
  let sk: TestOfficial;
  let bc: TestOfficial;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t);
    f = new Factories(t);
    const made = await f.bodyWith({
      ca: { level: 'federal', role: 'member' },
      nl: { role: 'member', timeZone: 'America/St_Johns' },
      sk: { role: 'member', timeZone: 'America/Regina' },
      bc: { role: 'member', timeZone: 'America/Vancouver' },
    });
    bodyId = made.body.id;
    sk = made.seats.sk.official;
    bc = made.seats.bc.official;
    nlFr = await f.official(made.seats.nl.government.id, { locale: 'fr' });
    const email = `secretariat-fr-${Date.now()}@forum.test`;
    const created = await t.http.post(
      '/api/v1/users',
      { email, displayName: 'Secrétariat (FR)', password: OFFICIAL_PASSWORD, role: 'secretariat', locale: 'fr' },
      t.adminToken,
    );
    expect(created.status).toBe(201);
    french = { id: created.body.id, token: (await t.http.post('/api/v1/auth/login', { email, password: OFFICIAL_PASSWORD })).body.accessToken };
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const inbox = async (who: { token: string }) => (await t.http.get('/api/v1/notifications?limit=200', who.token)).body.items as any[];
  const queue = async () => (await t.http.get('/api/v1/translations?status=pending&limit=200', t.adminToken)).body;

  it('reads `title` from a French-locale author as titleFr; an English reader sees the French original with its state', async () => {
    const res = await t.http.post(
      '/api/v1/meetings',
      { bodyId, title: 'Réunion sur le logement provisoire', startsAt: '2031-03-11T17:30:00Z', endsAt: '2031-03-11T18:30:00Z' },
      french.token,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Réunion sur le logement provisoire',
      titleFr: 'Réunion sur le logement provisoire',
      titleEn: null,
      translation: { status: 'pending', sourceLang: 'fr' },
    });
    const seen = await t.http.get(`/api/v1/meetings/${res.body.id}`, bc.token);
    expect(seen.body).toMatchObject({
      title: 'Réunion sur le logement provisoire',
      titleEn: null,
      titleFr: 'Réunion sur le logement provisoire',
      translation: { status: 'pending', sourceLang: 'fr' },
    });
    // both sides given: complete, and each reader reads their own
    const both = await t.http.post('/api/v1/bodies', { nameEn: 'Housing Table', nameFr: 'Table du logement', kind: 'table', permanent: true }, french.token);
    expect(both.status).toBe(201);
    expect(both.body).toMatchObject({
      name: 'Table du logement',
      nameEn: 'Housing Table',
      nameFr: 'Table du logement',
      translation: { status: 'complete', sourceLang: 'fr' },
    });
    expect((await t.http.get(`/api/v1/bodies/${both.body.id}`, bc.token)).body.name).toBe('Housing Table');
    // `x` together with the same side is a 400 naming it, never a 500
    const clash = await t.http.post(
      '/api/v1/meetings',
      { bodyId, title: 'a', titleFr: 'b', startsAt: '2031-03-11T17:30:00Z', endsAt: '2031-03-11T18:30:00Z' },
      french.token,
    );
    expect(clash.status).toBe(400);
    expect(String(clash.body.message)).toContain('titleFr');
  });

  it('lists pending texts for the secretariat only, oldest first, with the source and its author; a translation clears them', async () => {
    const meeting = (
      await t.http.post(
        '/api/v1/meetings',
        { bodyId, title: 'Points de situation', startsAt: '2031-03-12T17:30:00Z', endsAt: '2031-03-12T18:30:00Z' },
        french.token,
      )
    ).body;
    const item = (
      await t.http.post(
        `/api/v1/meetings/${meeting.id}/agenda-items`,
        { title: 'Capacité d’hébergement', purpose: 'discussion', durationMinutes: 20 },
        french.token,
      )
    ).body;
    expect(item).toMatchObject({ titleFr: 'Capacité d’hébergement', titleEn: null, translation: { status: 'pending', sourceLang: 'fr' } });

    expect((await t.http.get('/api/v1/translations?status=pending', bc.token)).status).toBe(403);
    expect((await t.http.get('/api/v1/translations?status=done', t.adminToken)).status).toBe(400);
    const pending = await queue();
    const mine = pending.items.filter((i: any) => i.id === meeting.id || i.id === item.id);
    expect(mine).toEqual([
      {
        type: 'meeting',
        id: meeting.id,
        field: 'title',
        sourceLang: 'fr',
        sourceText: 'Points de situation',
        createdAt: meeting.createdAt,
        createdBy: french.id,
      },
      { type: 'agenda_item', id: item.id, field: 'title', sourceLang: 'fr', sourceText: 'Capacité d’hébergement', createdAt: item.createdAt, createdBy: null },
    ]);
    const times = pending.items.map((i: any) => i.createdAt);
    expect([...times].sort()).toEqual(times);
    expect(pending.total).toBeGreaterThanOrEqual(2);

    const translated = await t.http.patch(`/api/v1/meetings/${meeting.id}`, { titleEn: 'Status updates' }, t.adminToken);
    expect(translated.body).toMatchObject({
      title: 'Status updates',
      titleEn: 'Status updates',
      titleFr: 'Points de situation',
      translation: { status: 'complete', sourceLang: 'fr' },
    });
    const after = await queue();
    expect(after.items.some((i: any) => i.id === meeting.id)).toBe(false);
    expect(after.items.some((i: any) => i.id === item.id)).toBe(true);
    expect(after.total).toBe(pending.total - 1);
  });

  it('refuses to publish an agenda awaiting translation, allows it with translationToFollow, and tells the recipients once when it arrives', async () => {
    const meeting = (
      await t.http.post(
        '/api/v1/meetings',
        { bodyId, title: 'Groupe de travail : 3e réunion', startsAt: '2031-03-13T17:30:00Z', endsAt: '2031-03-13T18:30:00Z' },
        french.token,
      )
    ).body;
    const item = (
      await t.http.post(
        `/api/v1/meetings/${meeting.id}/agenda-items`,
        { titleEn: 'Interim housing', titleFr: 'Logement provisoire', purpose: 'decision', durationMinutes: 30 },
        french.token,
      )
    ).body;
    expect(item.translation.status).toBe('complete');

    const refused = await t.http.post(`/api/v1/meetings/${meeting.id}/agenda/publish`, {}, t.adminToken);
    expect(refused.status).toBe(409);
    expect(refused.body.reason ?? refused.body.error).toBeDefined();
    expect(JSON.stringify(refused.body)).toContain('translation_pending');
    expect(refused.body.pending ?? refused.body.details?.pending).toEqual([{ type: 'meeting', id: meeting.id, field: 'title' }]);
    expect((await t.http.post(`/api/v1/meetings/${meeting.id}/agenda/publish`, { translationToFollow: 'yes' }, t.adminToken)).status).toBe(400);

    const published = await t.http.post(`/api/v1/meetings/${meeting.id}/agenda/publish`, { translationToFollow: true }, t.adminToken);
    expect(published.status).toBe(200);
    expect(published.body.translationToFollow).toBe(true);
    const read = await t.http.get(`/api/v1/meetings/${meeting.id}/agenda-items`, bc.token);
    expect(read.body).toMatchObject({ translationToFollow: true, total: 1 });
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}`, bc.token)).body.agendaTranslationToFollow).toBe(true);

    const translationNotices = async (who: { token: string }) => (await inbox(who)).filter((n) => /both languages|deux langues/.test(n.title));
    // the agenda notice reached everyone; nothing about the translation yet
    await waitUntil(
      async () => (await inbox(bc)).some((n) => n.link === `/meetings/${meeting.id}` && n.title.startsWith('Agenda published')),
      10_000,
      'the agenda notice',
    );
    expect(await translationNotices(bc)).toEqual([]);

    const done = await t.http.patch(`/api/v1/meetings/${meeting.id}`, { titleEn: 'Working group: 3rd meeting' }, t.adminToken);
    expect(done.status).toBe(200);
    expect(done.body.agendaTranslationToFollow).toBe(false);
    expect((await t.http.get(`/api/v1/meetings/${meeting.id}/agenda-items`, bc.token)).body.translationToFollow).toBe(false);
    await waitUntil(async () => (await translationNotices(bc)).length === 1 && (await translationNotices(nlFr)).length === 1, 10_000, 'the translation notice');
    expect((await translationNotices(nlFr))[0].title).toBe(`Ordre du jour dans les deux langues${NBSP}: Groupe de travail${NBSP}: 3e réunion`);
    expect((await translationNotices(bc))[0].title).toBe('Agenda now in both languages: Working group: 3rd meeting');

    // the same translation again, or another edit, tells nobody a second time
    await t.http.patch(`/api/v1/meetings/${meeting.id}`, { titleEn: 'Working group: 3rd meeting' }, t.adminToken);
    await t.http.patch(`/api/v1/meetings/${meeting.id}/agenda-items/${item.id}`, { titleEn: 'Interim housing pilot' }, t.adminToken);
    await worker.relayNow();
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE key = $1`, [
      `meeting:${meeting.id}:agenda:1:translation_available`,
    ]);
    const officials = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM user_account u JOIN membership m ON m.government_id = u.government_id AND m.ended_at IS NULL WHERE m.body_id = $1 AND u.active`,
      [bodyId],
    );
    expect(rows[0].n).toBe(officials[0].n);
  });

  it('gives each recipient the time in their own zone and language, on both sides of the change to daylight time', async () => {
    const before = (
      await t.http.post(
        '/api/v1/meetings',
        { bodyId, titleEn: 'Before the change', titleFr: 'Avant le changement', startsAt: '2031-03-07T17:30:00Z', endsAt: '2031-03-07T18:30:00Z' },
        t.adminToken,
      )
    ).body;
    const after = (
      await t.http.post(
        '/api/v1/meetings',
        { bodyId, titleEn: 'After the change', startsAt: '2031-03-11T17:30:00Z', endsAt: '2031-03-11T18:30:00Z' },
        t.adminToken,
      )
    ).body;
    const invitation = async (who: { token: string }, meetingId: string) =>
      waitUntil(async () => (await inbox(who)).find((n) => n.link === `/meetings/${meetingId}` && /^Invitation/.test(n.title)), 10_000, 'the invitation');

    expect((await invitation(sk, before.id)).body).toContain('meets on Friday, March 7, 2031 at 11:30\u00a0a.m.\u00a0CST.');
    expect((await invitation(bc, before.id)).body).toContain('meets on Friday, March 7, 2031 at 9:30\u00a0a.m.\u00a0PST.');
    const nlBefore = await invitation(nlFr, before.id);
    expect(nlBefore.title).toBe(`Invitation${NBSP}: Avant le changement`);
    expect(nlBefore.body).toContain(`se réunit le vendredi 7 mars 2031 à 14${NBSP}h${NBSP}HNT.`);

    expect((await invitation(sk, after.id)).body).toContain('meets on Tuesday, March 11, 2031 at 11:30\u00a0a.m.\u00a0CST.');
    expect((await invitation(bc, after.id)).body).toContain('meets on Tuesday, March 11, 2031 at 10:30\u00a0a.m.\u00a0PDT.');
    const nlAfter = await invitation(nlFr, after.id);
    // English only: the French reader is told so
    expect(nlAfter.title).toBe(`Invitation${NBSP}: After the change (en anglais seulement)`);
    expect(nlAfter.body).toContain(`se réunit le mardi 11 mars 2031 à 15${NBSP}h${NBSP}HAT.`);
  });

  it('never submits a communiqué with its translation to follow', async () => {
    const c = await t.http.post('/api/v1/communiques', { bodyId, titleEn: 'Housing', titleFr: '', bodyEn: 'Text.', bodyFr: '' }, t.adminToken);
    expect(c.status).toBe(201);
    expect(c.body.translation).toEqual({ status: 'pending', sourceLang: 'en' });
    expect((await t.http.post(`/api/v1/communiques/${c.body.id}/submit`, { translationToFollow: true }, t.adminToken)).status).toBe(400);
    const refused = await t.http.post(`/api/v1/communiques/${c.body.id}/submit`, {}, t.adminToken);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('translation_pending');
    const queued = (await queue()).items.filter((i: any) => i.id === c.body.id).map((i: any) => i.field);
    expect(queued).toEqual(['body', 'title']);
  });
});
