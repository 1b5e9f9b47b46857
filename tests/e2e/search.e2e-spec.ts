import { randomBytes } from 'node:crypto';
import { tsvectorSql } from '@forum/core';
import { SEARCH_SOURCES, weightedSql } from '@forum/search';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** a word no other test writes, so each case counts only its own hits */
const marker = () => `zq${randomBytes(3).toString('hex')}`;

describe('search across the forum', () => {
  let t: TestApp;
  let f: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(() => t?.close());

  const search = (q: string, token: string, extra = '') => t.http.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`, token);
  const communique = async (bodyId: string, fields: Record<string, string>) => {
    const res = await t.http.post('/api/v1/communiques', { bodyId, titleEn: 'T', titleFr: 'T', bodyEn: '', bodyFr: '', ...fields }, t.adminToken);
    expect(res.status).toBe(201);
    return res.body;
  };

  it('shows a proposed correction to the body’s members only: anyone else finds and reads the published revision', async () => {
    const { body, seats } = await f.bodyWith({ on: { role: 'member' } });
    const stranger = await f.official((await f.government()).id);
    const published = marker();
    const proposed = marker();
    const c = await communique(body.id, {
      titleEn: `Shelter statement ${published}`,
      titleFr: `Déclaration ${published}`,
      bodyEn: `They meet in October ${published}.`,
      bodyFr: `Ils se réunissent en octobre ${published}.`,
    });
    expect((await t.http.post(`/api/v1/communiques/${c.id}/submit`, {}, t.adminToken)).status).toBe(200);
    expect((await t.http.post(`/api/v1/communiques/${c.id}/concurrences`, { revision: 1 }, seats.on.official.token)).status).toBe(201);
    expect((await t.http.post(`/api/v1/communiques/${c.id}/publish`, {}, t.adminToken)).status).toBe(200);
    const corrected = await t.http.post(
      `/api/v1/communiques/${c.id}/corrections`,
      {
        titleEn: `Corrected statement ${proposed}`,
        bodyEn: `They meet in November ${proposed}.`,
        noteEn: 'The month was corrected.',
        noteFr: 'Le mois a été corrigé.',
      },
      t.adminToken,
    );
    expect(corrected.status).toBe(201);

    // the stranger may not see drafts: the proposal is not found, the published text is, with its own title and snippet
    const leak = await search(proposed, stranger.token);
    expect([leak.status, leak.body.total]).toEqual([200, 0]);
    const asPublished = await search(published, stranger.token);
    expect(asPublished.body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect(asPublished.body.items[0].title).toBe(`Shelter statement ${published}`);
    expect(JSON.stringify(asPublished.body)).not.toContain(proposed);

    // a member of the body, and the secretariat, see the correction in progress
    for (const token of [seats.on.official.token, t.adminToken]) {
      const seen = await search(proposed, token);
      expect(seen.body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
      expect(seen.body.items[0].title).toBe(`Corrected statement ${proposed}`);
    }
  });

  it('ignores accents and case and stems each language: « capacite » finds « capacité », « hébergements » finds « hébergement », claimants finds claimant', async () => {
    const { body, seats } = await f.bodyWith({ on: { role: 'member' } });
    const m = marker();
    const c = await communique(body.id, {
      titleEn: `Interim housing ${m}`,
      titleFr: `Hébergement provisoire ${m}`,
      bodyEn: 'Funding per claimant for reception capacity.',
      bodyFr: 'Le financement par demandeur pour la capacité d’accueil et l’hébergement.',
    });
    const token = seats.on.official.token;
    for (const q of [`capacite ${m}`, `CAPACITÉ ${m}`, `hébergements ${m}`, `HEBERGEMENT ${m}`, `claimants ${m}`, `Claimant ${m}`]) {
      const res = await search(q, token);
      expect([q, res.status, res.body.items.map((i: { id: string }) => i.id)]).toEqual([q, 200, [c.id]]);
      expect(res.body.total).toBe(1);
    }
  });

  it('requires every word, wherever it appears, and matches the last word as it is typed', async () => {
    const { body, seats } = await f.bodyWith({ on: { role: 'member' } });
    const m = marker();
    const item = await f.actionItem(body.id, seats.on.government.id, {
      title: `Housing support ${m}`,
      description: 'Costs are shared per claimant with the municipalities.',
    });
    const token = seats.on.official.token;
    expect((await search(`housing claimant ${m}`, token)).body.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    expect((await search(`housing zebra ${m}`, token)).body).toEqual({ items: [], total: 0 });
    expect((await search(`${m} munic`, token)).body.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    expect((await search(`${m} "claimant with"`, token)).body.total).toBe(1);
    expect((await search(`${m} -housing `, token)).body.total).toBe(0);
    const hit = (await search(`${m} housing`, token)).body.items[0];
    expect(hit).toMatchObject({ type: 'action_item', id: item.id, bodyId: body.id, title: `Housing support ${m}` });
    expect(hit.score).toBeGreaterThan(0);
  });

  it('finds only what the caller may read: nothing of a body for a non-member, no draft meeting for members, and totals agree', async () => {
    const { body, seats } = await f.bodyWith({ on: { role: 'member' }, qc: { role: 'observer' } });
    const outsider = await f.official((await f.government()).id);
    const m = marker();
    await f.actionItem(body.id, seats.on.government.id, { title: `Shelter capacity ${m}` });
    await f.meeting(body.id, { title: `Draft planning ${m}`, status: 'draft' });
    const scheduled = await f.meeting(body.id, { title: `Planning session ${m}` });

    const member = await search(m, seats.on.official.token);
    expect(member.body.items.map((i: { type: string }) => i.type).sort()).toEqual(['action_item', 'meeting']);
    expect(member.body.total).toBe(2);
    expect(member.body.items.find((i: { type: string }) => i.type === 'meeting').id).toBe(scheduled.id);
    expect((await search(m, seats.qc.official.token)).body.total).toBe(2);
    expect((await search(m, t.adminToken)).body.total).toBe(3);
    expect((await search(m, outsider.token)).body).toEqual({ items: [], total: 0 });

    expect((await search(m, t.adminToken, '&types=meeting')).body.total).toBe(2);
    expect((await search(m, t.adminToken, '&types=action_item,body')).body.total).toBe(1);
    expect((await search(m, t.adminToken, `&bodyId=${seats.on.government.id}`)).body.total).toBe(0);
    const bad = await search(m, t.adminToken, '&types=everything');
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toBe('validation_failed');
    expect((await t.http.get('/api/v1/search', t.adminToken)).status).toBe(400);
    expect((await t.http.get(`/api/v1/search?q=${m}`)).status).toBe(401);
  });

  it('answers snippets whose only tags are the marks around the hits', async () => {
    const { body, seats } = await f.bodyWith({ on: { role: 'member' } });
    const m = marker();
    await f.actionItem(body.id, seats.on.government.id, {
      title: `Briefing ${m}`,
      description: `<script>alert("x")</script> & <b>per claimant</b> funding ${m}`,
    });
    const hit = (await search(`claimant ${m}`, seats.on.official.token)).body.items[0];
    expect(hit.snippet).toContain('<mark>claimant</mark>');
    expect(hit.snippet).toContain('&lt;b&gt;per <mark>claimant</mark>&lt;/b&gt;');
    expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('searches the public communiqués by the same rules', async () => {
    const { body } = await f.bodyWith({ on: { role: 'member' } });
    const m = marker();
    const c = await communique(body.id, {
      titleEn: `Reception ${m}`,
      titleFr: `Accueil ${m}`,
      bodyEn: 'Housing for every claimant.',
      bodyFr: 'Capacité d’hébergement accrue.',
    });
    await t.dataSource.query(`UPDATE communique SET status = 'published', published_at = now(), published_revision = current_revision WHERE id = $1`, [c.id]);
    const ids = async (q: string) =>
      ((await t.http.get(`/api/v1/public/communiques?q=${encodeURIComponent(q)}`)).body.items as { id: string }[]).map((i) => i.id);
    expect(await ids(`capacite ${m}`)).toEqual([c.id]);
    expect(await ids(`housing claimant ${m}`)).toEqual([c.id]);
    expect(await ids(`housing zebra ${m}`)).toEqual([]);
  });

  it('keeps each row’s stored vectors to its texts: an edit is found by its new words, not its old ones', async () => {
    const { body } = await f.bodyWith({ on: { role: 'member' } });
    const [before, after] = [marker(), marker()];
    const c = await communique(body.id, { titleEn: `Arrivals ${before}`, titleFr: `Arrivées ${before}`, bodyEn: 'Weekly figures.' });
    expect((await search(before, t.adminToken)).body.total).toBe(1);
    expect((await t.http.patch(`/api/v1/communiques/${c.id}`, { titleEn: `Arrivals ${after}`, titleFr: `Arrivées ${after}` }, t.adminToken)).status).toBe(200);
    expect((await search(before, t.adminToken)).body.total).toBe(0);
    expect((await search(after, t.adminToken)).body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);

    // every row the suites wrote holds exactly the vectors of its texts, matched and ranked
    for (const source of SEARCH_SOURCES.filter((s) => s.stored)) {
      const differ = (lang: 'en' | 'fr', columns: string[]) =>
        columns.length
          ? `${source.stored}.search_${lang} IS DISTINCT FROM ${tsvectorSql(lang, ...columns)} OR ${source.stored}.search_rank_${lang} IS DISTINCT FROM ${weightedSql(lang, columns)}`
          : 'false';
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM ${source.from} WHERE ${differ('en', source.vectorEn)} OR ${differ('fr', source.vectorFr)}`,
      );
      expect({ type: source.type, differ: n }).toEqual({ type: source.type, differ: 0 });
    }
  });

  it('matches a phrase on the text as written (a title’s last stop words count), as before the vectors were stored', async () => {
    const { body } = await f.bodyWith({ on: { role: 'member' } });
    const m = marker();
    // the title ends with stop words: in the text as written "report" and "table" are three words apart
    const c = await communique(body.id, { titleEn: `${m} report of the`, bodyEn: 'table of arrivals' });
    expect((await search(`${m} report table`, t.adminToken)).body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect((await search(`${m} "report table"`, t.adminToken)).body.total).toBe(0);
    expect((await search(`${m} "report of the table"`, t.adminToken)).body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
  });
});
