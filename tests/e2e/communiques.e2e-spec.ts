import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const TEXT = {
  titleEn: 'Task force meets on irregular migration',
  titleFr: 'Le groupe de travail se réunit sur la migration irrégulière',
  bodyEn: 'Ministers **reviewed** the reception of asylum claimants at Roxham Road.',
  bodyFr: 'Les ministres ont **examiné** l’accueil des demandeurs d’asile au chemin Roxham.',
};

async function outbox(t: TestApp, communiqueId: string) {
  return t.dataSource.query(`SELECT name, payload, audience, notify, jobs FROM outbox_event WHERE payload->>'id' = $1 ORDER BY id`, [communiqueId]) as Promise<
    { name: string; payload: any; audience: any; notify: any[] | null; jobs: any[] | null }[]
  >;
}

describe('joint communiqués: drafting, concurrence, publication', () => {
  let t: TestApp;
  let f: Factories;
  let scene: Awaited<ReturnType<Factories['bodyWith']>>;
  let stranger: Awaited<ReturnType<Factories['official']>>;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    scene = await f.bodyWith({
      canada: { level: 'federal', role: 'co_chair' },
      ontario: { role: 'member' },
      manitoba: { role: 'member' },
      quebec: { role: 'observer' },
    });
    stranger = await f.official((await f.government()).id);
  });
  afterAll(() => t?.close());

  const token = (seat: 'canada' | 'ontario' | 'manitoba' | 'quebec') => scene.seats[seat].official.token;

  it('goes from draft to published with three governments and an observer', async () => {
    const { body } = scene;
    // Drafting: English only first; concurrence is refused until both languages are there.
    const created = await t.http.post('/api/v1/communiques', { bodyId: body.id, titleEn: TEXT.titleEn, bodyEn: TEXT.bodyEn }, t.adminToken);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', revision: 1, bodyId: body.id });
    const id = created.body.id;
    expect((await t.http.post(`/api/v1/communiques/${id}/submit`, {}, t.adminToken)).status).toBe(409);

    const translated = await t.http.patch(`/api/v1/communiques/${id}`, { titleFr: TEXT.titleFr, bodyFr: TEXT.bodyFr }, t.adminToken);
    expect(translated.status).toBe(200);
    expect(translated.body).toMatchObject({ status: 'draft', revision: 2 });
    expect(translated.body.htmlFr).toContain('<strong>examiné</strong>');

    // Only the secretariat writes; a member official gets 403, a stranger 404.
    expect((await t.http.patch(`/api/v1/communiques/${id}`, { titleEn: 'x' }, token('ontario'))).status).toBe(403);
    expect((await t.http.patch(`/api/v1/communiques/${id}`, { titleEn: 'x' }, stranger.token)).status).toBe(404);
    expect((await t.http.post(`/api/v1/communiques/${id}/submit`, {}, token('canada'))).status).toBe(403);

    const submitted = await t.http.post(`/api/v1/communiques/${id}/submit`, {}, t.adminToken);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('in_concurrence');
    expect(submitted.body.concurrence.required.map((g: any) => g.id).sort()).toEqual(
      [scene.seats.canada.government.id, scene.seats.ontario.government.id, scene.seats.manitoba.government.id].sort(),
    );
    expect((await t.http.post(`/api/v1/communiques/${id}/submit`, {}, t.adminToken)).status).toBe(409);

    // Reading: members (observer included) and the secretariat; nobody else, not even in lists.
    expect((await t.http.get(`/api/v1/communiques/${id}`, token('quebec'))).status).toBe(200);
    expect((await t.http.get(`/api/v1/communiques/${id}`, stranger.token)).status).toBe(404);
    expect((await t.http.get(`/api/v1/communiques`, stranger.token)).body.items.map((c: any) => c.id)).not.toContain(id);
    expect((await t.http.get(`/api/v1/communiques?bodyId=${body.id}`, token('manitoba'))).body.items.map((c: any) => c.id)).toContain(id);

    // Concurrence: the observer is refused (403), a stranger does not see it (404), the secretariat has no government.
    expect((await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 2 }, token('quebec'))).status).toBe(403);
    expect((await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 2 }, stranger.token)).status).toBe(404);
    expect((await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 2 }, t.adminToken)).status).toBe(403);
    expect((await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 1 }, token('canada'))).status).toBe(409);
    expect((await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 'two' }, token('canada'))).status).toBe(400);
    expect((await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 2, position: 'maybe' }, token('canada'))).status).toBe(400);

    const canada = await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 2 }, token('canada'));
    expect(canada.status).toBe(201);
    expect(canada.body.status).toBe('in_concurrence');
    // a government may take its position again on the same revision: the last one counts, each is kept
    const again = await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 2 }, token('canada'));
    expect(again.status).toBe(201);
    expect(again.body.concurrence.concurred.map((g: any) => g.id)).toEqual([scene.seats.canada.government.id]);
    expect((await t.http.get(`/api/v1/communiques/${id}/concurrences?history=true`, token('canada'))).body.items).toHaveLength(2);

    // Publishing is refused while Ontario and Manitoba have not concurred.
    const early = await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/awaiting/);

    // An edit during concurrence voids Canada's concurrence and tells Canada.
    const edited = await t.http.patch(
      `/api/v1/communiques/${id}`,
      { bodyEn: `${TEXT.bodyEn} They agreed to meet again in October.`, revision: 2 },
      t.adminToken,
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'in_concurrence', revision: 3 });
    expect(edited.body.concurrence.concurred).toEqual([]);
    expect(edited.body.concurrences).toEqual([expect.objectContaining({ governmentId: scene.seats.canada.government.id, revision: 2, current: false })]);
    expect((await t.http.patch(`/api/v1/communiques/${id}`, { bodyEn: 'stale', revision: 2 }, t.adminToken)).status).toBe(409);
    const intents = (await outbox(t, id)).flatMap((e) => e.notify ?? []);
    expect(intents).toContainEqual(
      expect.objectContaining({ key: `communique.voided:${id}:2`, recipients: { governmentIds: [scene.seats.canada.government.id] } }),
    );
    expect(intents.find((n) => n.key === `communique.awaiting:${id}:3`)?.recipients.governmentIds).toHaveLength(3);
    expect((await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 2 }, token('ontario'))).status).toBe(409);

    // Everyone concurs on revision 3, Ontario with a reservation: the communiqué is approved.
    expect((await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 3 }, token('canada'))).status).toBe(201);
    const reservation = await t.http.post(
      `/api/v1/communiques/${id}/concurrences`,
      { revision: 3, position: 'concur_with_reservation', comment: 'Ontario expects full federal reimbursement of shelter costs.' },
      token('ontario'),
    );
    expect(reservation.status).toBe(201);
    const last = await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 3, position: 'concur' }, token('manitoba'));
    expect(last.status).toBe(201);
    expect(last.body.status).toBe('approved');

    // Officials see who concurred on what, when.
    const listed = await t.http.get(`/api/v1/communiques/${id}/concurrences`, token('quebec'));
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(4);
    expect(listed.body.items.find((c: any) => c.position === 'concur_with_reservation')).toMatchObject({
      governmentId: scene.seats.ontario.government.id,
      revision: 3,
      comment: 'Ontario expects full federal reimbursement of shelter costs.',
      current: true,
      concurredAt: expect.any(String),
    });

    expect((await t.http.post(`/api/v1/communiques/${id}/publish`, {}, token('canada'))).status).toBe(403);
    const published = await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedRevision: 3 });
    expect((await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken)).status).toBe(409);

    // Published text is frozen.
    expect((await t.http.patch(`/api/v1/communiques/${id}`, { titleEn: 'changed' }, t.adminToken)).status).toBe(409);

    // The public sees it, with generated footnotes in both languages, observer first, then the reservation.
    const pub = await t.http.get(`/api/v1/public/communiques/${id}?lang=fr`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ id, status: 'published', lang: 'fr', title: TEXT.titleFr, revision: 3 });
    const quebec = scene.seats.quebec.government;
    const ontario = scene.seats.ontario.government;
    expect(pub.body.footnotesEn).toEqual([
      `${quebec.nameEn} took part as an observer and is not party to this communiqué.`,
      `${ontario.nameEn} concurs with a reservation: Ontario expects full federal reimbursement of shelter costs.`,
    ]);
    expect(pub.body.footnotes).toEqual(pub.body.footnotesFr);
    expect(pub.body.footnotesFr[0]).toContain('observateur');
    expect(JSON.stringify(pub.body)).not.toMatch(/concurrence"|awaiting/);
    const page = await t.http.get(`/en/communiques/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Ontario expects full federal reimbursement of shelter costs.');
    expect(page.text).toContain(`${quebec.nameEn} took part as an observer`);

    // Events: updated to the body on every change, published to everyone.
    const events = await outbox(t, id);
    expect(events.filter((e) => e.name === 'communique.updated').every((e) => e.audience.kind === 'body' && e.audience.bodyId === body.id)).toBe(true);
    expect(events.filter((e) => e.name === 'communique.updated').map((e) => e.payload.status)).toEqual(
      expect.arrayContaining(['draft', 'in_concurrence', 'approved', 'published']),
    );
    const publishedEvents = events.filter((e) => e.name === 'communique.published');
    expect(publishedEvents).toHaveLength(1);
    expect(publishedEvents[0]).toMatchObject({ payload: { id }, audience: { kind: 'public' } });
    expect(publishedEvents[0].notify?.[0].recipients.governmentIds).toHaveLength(4);

    // Revisions and a word-level diff per language.
    const revisions = await t.http.get(`/api/v1/communiques/${id}/revisions`, token('manitoba'));
    expect(revisions.body.items.map((r: any) => r.number)).toEqual([1, 2, 3]);
    expect(revisions.body.items[0]).toMatchObject({ authorUserId: expect.any(String), createdAt: expect.any(String) });
    const diff = await t.http.get(`/api/v1/communiques/${id}/diff?from=2&to=3&lang=en`, token('manitoba'));
    expect(diff.status).toBe(200);
    expect(diff.body.body).toContainEqual({ type: 'added', text: expect.stringContaining('October.') });
    expect(diff.body.title).toEqual([{ type: 'equal', text: TEXT.titleEn }]);
    const diffFr = await t.http.get(`/api/v1/communiques/${id}/diff?from=1&to=2&lang=fr`, t.adminToken);
    expect(diffFr.body.title).toEqual([{ type: 'added', text: TEXT.titleFr }]);
    expect((await t.http.get(`/api/v1/communiques/${id}/diff?from=1&to=9`, t.adminToken)).status).toBe(404);
    expect((await t.http.get(`/api/v1/communiques/${id}/diff?from=1&to=2`, stranger.token)).status).toBe(404);
    expect((await t.http.get(`/api/v1/communiques/${id}/diff?from=x&to=2`, t.adminToken)).status).toBe(400);

    // A correction is a new public revision with a visible note; withdrawal keeps the page with a notice.
    const corrected = await t.http.post(
      `/api/v1/communiques/${id}/corrections`,
      {
        bodyEn: `${TEXT.bodyEn} They agreed to meet again in November.`,
        noteEn: 'The month of the next meeting was corrected.',
        noteFr: 'Le mois de la prochaine réunion a été corrigé.',
      },
      t.adminToken,
    );
    expect(corrected.status).toBe(201);
    // the correction goes to concurrence; the public keeps the published text meanwhile
    expect(corrected.body).toMatchObject({ status: 'published', revision: 4, publishedRevision: 3, correction: { revision: 4, status: 'in_concurrence' } });
    expect((await t.http.get(`/api/v1/public/communiques/${id}`)).body.html).not.toContain('November');
    expect((await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken)).body.reason).toBe('awaiting_concurrence');
    for (const who of ['canada', 'manitoba'] as const)
      expect((await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 4 }, token(who))).status).toBe(201);
    await t.http.post(
      `/api/v1/communiques/${id}/concurrences`,
      { revision: 4, position: 'concur_with_reservation', comment: 'Ontario expects full federal reimbursement of shelter costs.' },
      token('ontario'),
    );
    const correctionPublished = await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken);
    expect(correctionPublished.status).toBe(200);
    expect(correctionPublished.body).toMatchObject({
      status: 'published',
      revision: 4,
      publishedRevision: 4,
      correction: { revision: 4, status: 'published' },
    });
    const correctedPage = await t.http.get(`/fr/communiques/${id}`);
    expect(correctedPage.text).toContain('Le mois de la prochaine réunion a été corrigé.');
    expect((await t.http.get(`/api/v1/public/communiques/${id}`)).body.html).toContain('November');
    expect((await t.http.get(`/api/v1/public/communiques/${id}`)).body.footnotesEn).toHaveLength(2);

    const withdrawn = await t.http.post(`/api/v1/communiques/${id}/withdraw`, { reasonEn: 'Superseded by the joint statement of 5 December.' }, t.adminToken);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const withdrawnPage = await t.http.get(`/en/communiques/${id}`);
    expect(withdrawnPage.status).toBe(200);
    expect(withdrawnPage.text).toContain('This communiqué has been withdrawn');
    expect(withdrawnPage.text).toContain('Superseded by the joint statement of 5 December.');
    expect((await t.http.post(`/api/v1/communiques/${id}/withdraw`, {}, t.adminToken)).status).toBe(409);
  });

  it('refuses bad input with 400 naming the field, and unknown communiqués with 404', async () => {
    const unknownField = await t.http.post('/api/v1/communiques', { bodyId: scene.body.id, colour: 'red' }, t.adminToken);
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body.message)).toContain('colour');
    const badBody = await t.http.post('/api/v1/communiques', { bodyId: 'nope' }, t.adminToken);
    expect(badBody.status).toBe(400);
    expect(JSON.stringify(badBody.body.message)).toContain('bodyId');
    expect((await t.http.post('/api/v1/communiques', { bodyId: '00000000-0000-4000-8000-000000000000' }, t.adminToken)).status).toBe(400);
    expect((await t.http.post('/api/v1/communiques', { bodyId: scene.body.id }, token('canada'))).status).toBe(403);
    expect((await t.http.get('/api/v1/communiques/00000000-0000-4000-8000-000000000000', t.adminToken)).status).toBe(404);
    expect((await t.http.get('/api/v1/communiques/not-a-uuid', t.adminToken)).status).toBe(400);
    expect((await t.http.get('/api/v1/communiques')).status).toBe(401);
    const embargo = await t.http.post('/api/v1/communiques/00000000-0000-4000-8000-000000000000/publish', { embargoUntil: 'tomorrow' }, t.adminToken);
    expect(embargo.status).toBe(400);
  });

  it('does not count an objection, and takes a meeting of the same body only', async () => {
    const meeting = await f.meeting(scene.body.id).catch(() => null);
    const other = await f.body();
    const created = await t.http.post('/api/v1/communiques', { bodyId: scene.body.id, ...TEXT, ...(meeting ? { meetingId: meeting.id } : {}) }, t.adminToken);
    expect(created.status).toBe(201);
    if (meeting) {
      expect(created.body.meetingId).toBe(meeting.id);
      expect((await t.http.post('/api/v1/communiques', { bodyId: other.id, ...TEXT, meetingId: meeting.id }, t.adminToken)).status).toBe(400);
    }
    const id = created.body.id;
    await t.http.post(`/api/v1/communiques/${id}/submit`, {}, t.adminToken);
    await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 1 }, token('canada'));
    await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 1 }, token('manitoba'));
    const objection = await t.http.post(
      `/api/v1/communiques/${id}/concurrences`,
      { revision: 1, position: 'object', comment: 'Paragraph 2 misstates our position.' },
      token('ontario'),
    );
    expect(objection.status).toBe(201);
    expect(objection.body.status).toBe('in_concurrence');
    expect(objection.body.concurrence.objections.map((g: any) => g.id)).toEqual([scene.seats.ontario.government.id]);
    expect((await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken)).status).toBe(409);
  });
});
