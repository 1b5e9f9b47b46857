import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Concurrence that governments control, and corrections the public sees only once every party concurred. */
describe('the record: concurrence and corrections', () => {
  let t: TestApp;
  let f: Factories;
  let scene: Awaited<ReturnType<Factories['bodyWith']>>;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    scene = await f.bodyWith({ ca: { level: 'federal', role: 'co_chair' }, on: { role: 'member' }, mb: { role: 'member' }, qc: { role: 'observer' } });
  });
  afterAll(() => t?.close());

  const token = (seat: 'ca' | 'on' | 'mb' | 'qc') => scene.seats[seat].official.token;
  const concur = (id: string, seat: 'ca' | 'on' | 'mb' | 'qc', body: Record<string, unknown>) =>
    t.http.post(`/api/v1/communiques/${id}/concurrences`, body, token(seat));
  const submitted = async (
    text = {
      titleEn: 'Shelter statement',
      titleFr: 'Déclaration sur l’hébergement',
      bodyEn: 'Ministers met in **March**.',
      bodyFr: 'Les ministres se sont réunis en **mars**.',
    },
  ) => {
    const created = await t.http.post('/api/v1/communiques', { bodyId: scene.body.id, ...text }, t.adminToken);
    await t.http.post(`/api/v1/communiques/${created.body.id}/submit`, {}, t.adminToken);
    return created.body.id as string;
  };

  it('an objection blocks publication (409 objection) until the government lifts it on the same revision; every position is kept', async () => {
    const id = await submitted();
    await concur(id, 'ca', { revision: 1 });
    const objected = await concur(id, 'on', { revision: 1, position: 'object', comment: 'The figures are not ours.' });
    expect(objected.status).toBe(201);
    await concur(id, 'mb', { revision: 1 });
    const blocked = await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken);
    expect(blocked.status).toBe(409);
    expect(blocked.body.reason).toBe('objection');

    // Ontario lifts its objection on the same revision: the last position counts
    const lifted = await concur(id, 'on', {
      revision: 1,
      position: 'concur_with_reservation',
      commentEn: 'Ontario expects reimbursement.',
      commentFr: 'L’Ontario s’attend à un remboursement.',
    });
    expect(lifted.status).toBe(201);
    expect(lifted.body).toMatchObject({ status: 'approved', concurrence: { complete: true, objections: [] } });
    expect((await t.http.get(`/api/v1/communiques/${id}/concurrences`, token('qc'))).body.items).toHaveLength(3);
    const history = (await t.http.get(`/api/v1/communiques/${id}/concurrences?history=true`, token('qc'))).body.items;
    expect(history.filter((c: any) => c.governmentId === scene.seats.on.government.id).map((c: any) => [c.position, c.current])).toEqual([
      ['object', false],
      ['concur_with_reservation', true],
    ]);
    expect((await t.http.get(`/api/v1/communiques/${id}/concurrences?history=maybe`, token('qc'))).status).toBe(400);

    // and back: an objection after approval returns the communiqué to concurrence
    expect((await concur(id, 'mb', { revision: 1, position: 'object' })).body.status).toBe('in_concurrence');
    expect((await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken)).body.reason).toBe('objection');
    expect((await concur(id, 'mb', { revision: 1, position: 'concur' })).body.status).toBe('approved');

    const published = await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken);
    expect(published.status).toBe(200);
    // each language's footnote carries that language's comment
    const pub = (await t.http.get(`/api/v1/public/communiques/${id}`)).body;
    expect(pub.footnotesEn).toContain(`${scene.seats.on.government.nameEn} concurs with a reservation: Ontario expects reimbursement.`);
    expect(pub.footnotesFr.find((n: string) => n.includes('avec réserve'))).toContain(': L’Ontario s’attend à un remboursement.');
  });

  it('publication blocked by missing concurrences is 409 awaiting_concurrence', async () => {
    const id = await submitted();
    await concur(id, 'ca', { revision: 1 });
    const res = await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken);
    expect([res.status, res.body.reason]).toEqual([409, 'awaiting_concurrence']);
  });

  it('a correction goes to concurrence; the public API, pages and feed keep the published text until it is published', async () => {
    const id = await submitted({
      titleEn: 'Meeting statement',
      titleFr: 'Déclaration de réunion',
      bodyEn: 'They meet again in **October**.',
      bodyFr: 'Ils se réuniront de nouveau en **octobre**.',
    });
    for (const seat of ['ca', 'on', 'mb'] as const) await concur(id, seat, { revision: 1 });
    expect((await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken)).status).toBe(200);
    const before = await t.http.get(`/api/v1/public/communiques/${id}`);

    const corrected = await t.http.post(
      `/api/v1/communiques/${id}/corrections`,
      {
        bodyEn: 'They meet again in **November**.',
        bodyFr: 'Ils se réuniront de nouveau en **novembre**.',
        noteEn: 'The month was corrected.',
        noteFr: 'Le mois a été corrigé.',
      },
      t.adminToken,
    );
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({
      status: 'published',
      revision: 2,
      publishedRevision: 1,
      correction: { revision: 2, status: 'in_concurrence' },
      concurrence: { revision: 2, concurred: [] },
    });

    const stillPublished = async () => {
      const api = (await t.http.get(`/api/v1/public/communiques/${id}`)).body;
      expect(api).toMatchObject({ revision: 1, corrections: [] });
      expect(api.html).toContain('October');
      expect((await t.http.get(`/en/communiques/${id}`)).text).not.toContain('November');
      expect((await t.http.get(`/fr/communiques/${id}`)).text).not.toContain('novembre');
      expect((await t.http.get('/api/v1/public/communiques.atom?lang=en')).text).not.toContain('November');
      expect((await t.http.get('/api/v1/public/communiques?lang=en&limit=200')).body.items.find((c: any) => c.id === id).revision).toBe(1);
    };
    await stillPublished();
    // the observer does not concur, a stale revision is refused, and publication waits for every party
    expect((await concur(id, 'qc', { revision: 2 })).status).toBe(403);
    expect((await concur(id, 'ca', { revision: 1 })).body.reason).toBe('stale_revision');
    await concur(id, 'ca', { revision: 2 });
    await concur(id, 'on', { revision: 2, position: 'object', comment: 'Not November.' });
    expect((await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken)).body.reason).toBe('objection');
    await concur(id, 'on', { revision: 2 });
    expect((await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken)).body.reason).toBe('awaiting_concurrence');
    await stillPublished();
    expect((await t.http.get(`/api/v1/public/communiques/${id}`)).text).toBe(before.text);

    await concur(id, 'mb', { revision: 2 });
    const out = await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken);
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ status: 'published', publishedRevision: 2, correction: { revision: 2, status: 'published' } });
    const api = (await t.http.get(`/api/v1/public/communiques/${id}`)).body;
    expect(api).toMatchObject({ revision: 2, corrections: [{ revision: 2, noteEn: 'The month was corrected.' }] });
    expect(api.html).toContain('November');
    expect((await t.http.get(`/fr/communiques/${id}`)).text).toContain('Le mois a été corrigé.');
    expect((await t.http.get('/api/v1/public/communiques.atom?lang=en')).text).toContain('November');
    expect((await concur(id, 'mb', { revision: 2 })).body.reason).toBe('illegal_transition');
  });
});
