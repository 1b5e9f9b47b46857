import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const XSS = [
  '<script>window.pwned=1</script>',
  '<img src=x onerror="window.pwned=1">',
  '<svg/onload=alert(1)>',
  '[read more](javascript:alert(1))',
  '<a href="jav&#x09;ascript:alert(1)">lien</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<p onmouseover="alert(1)">hover</p>',
];

/**
 * Anything that would run in a browser: a script-capable element, an event handler attribute inside a
 * real tag, a javascript: URL in an attribute. Escaped text (&lt;img onerror=…&gt;) is inert and allowed.
 */
const ACTIVE = /<(script|iframe|svg|img|object|embed)\b|<[a-z][^>]*\son[a-z]+\s*=|(href|src|action)\s*=\s*["']?\s*javascript:/i;

describe('the public portal', () => {
  let t: TestApp;
  let f: Factories;
  let bodyId: string;
  let officials: string[];

  /** Draft → concurrence by every member → published (or left at an earlier stage). */
  async function communique(text: Record<string, string>, until: 'draft' | 'in_concurrence' | 'embargoed' | 'published' = 'published'): Promise<string> {
    const created = await t.http.post('/api/v1/communiques', { bodyId, ...text }, t.adminToken);
    if (created.status !== 201) throw new Error(`communique: ${created.status} ${created.text}`);
    const id = created.body.id;
    if (until === 'draft') return id;
    await t.http.post(`/api/v1/communiques/${id}/submit`, {}, t.adminToken);
    if (until === 'in_concurrence') return id;
    for (const token of officials) await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 1 }, token);
    const embargoUntil = until === 'embargoed' ? new Date(Date.now() + 3600_000).toISOString() : undefined;
    const res = await t.http.post(`/api/v1/communiques/${id}/publish`, embargoUntil ? { embargoUntil } : {}, t.adminToken);
    if (res.status !== 200) throw new Error(`publish: ${res.status} ${res.text}`);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    const scene = await f.bodyWith(
      { canada: { level: 'federal', role: 'co_chair' }, quebec: { role: 'member' } },
      { name: 'Portal task force', nameFr: 'Groupe de travail du portail' },
    );
    bodyId = scene.body.id;
    officials = [scene.seats.canada.official.token, scene.seats.quebec.official.token];
  });
  afterAll(() => t?.close());

  it('renders XSS payloads inert in both languages, on the HTML pages and in the API', async () => {
    const payload = XSS.join('\n\n');
    const id = await communique({
      titleEn: 'Title <script>window.pwned=1</script>',
      titleFr: 'Titre <img src=x onerror=alert(1)>',
      bodyEn: `English text.\n\n${payload}`,
      bodyFr: `Texte français.\n\n${payload}`,
    });
    for (const lang of ['en', 'fr']) {
      const page = await t.http.get(`/${lang}/communiques/${id}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.text).toContain(lang === 'en' ? 'English text.' : 'Texte français.');
      expect(page.text).not.toMatch(ACTIVE);
      // The title is shown as text, escaped, never as markup.
      expect(page.text).toContain(lang === 'en' ? 'Title &lt;script&gt;' : 'Titre &lt;img');
      const list = await t.http.get(`/${lang}/communiques`);
      expect(list.text).not.toMatch(ACTIVE);
      const api = await t.http.get(`/api/v1/public/communiques/${id}?lang=${lang}`);
      expect(api.body.html).not.toMatch(ACTIVE);
      expect(api.body.htmlEn + api.body.htmlFr).not.toMatch(ACTIVE);
    }
    const feed = await t.http.get('/api/v1/public/communiques.atom');
    // In the feed the HTML is itself escaped inside <content type="html">: no raw tag may appear, and no javascript: URL at all.
    expect(feed.text).not.toMatch(ACTIVE);
    expect(feed.text).not.toMatch(/javascript:/i);
  });

  it('never shows a draft, a communiqué in concurrence or under embargo: 404 everywhere, even by id', async () => {
    const ids = [
      await communique({ titleEn: 'Secret draft', titleFr: 'Ébauche secrète', bodyEn: 'draft words', bodyFr: 'mots' }, 'draft'),
      await communique({ titleEn: 'Secret concurrence', titleFr: 'Accord secret', bodyEn: 'words', bodyFr: 'mots' }, 'in_concurrence'),
      await communique({ titleEn: 'Secret embargo', titleFr: 'Embargo secret', bodyEn: 'words', bodyFr: 'mots' }, 'embargoed'),
    ];
    for (const id of ids) {
      expect((await t.http.get(`/api/v1/public/communiques/${id}`)).status).toBe(404);
      expect((await t.http.get(`/api/v1/public/communiques/${id}?lang=fr`)).status).toBe(404);
      const page = await t.http.get(`/en/communiques/${id}`);
      expect(page.status).toBe(404);
      expect(page.text).toContain('<html lang="en">');
      expect((await t.http.get(`/fr/communiques/${id}`)).status).toBe(404);
    }
    const everything = [
      (await t.http.get('/api/v1/public/communiques?limit=200')).text,
      (await t.http.get('/en/communiques')).text,
      (await t.http.get('/fr/communiques')).text,
      (await t.http.get('/api/v1/public/communiques.atom')).text,
    ].join('\n');
    expect(everything).not.toMatch(/Secret|secrète|Embargo secret/);
    expect((await t.http.get('/en/communiques/not-an-id')).status).toBe(404);
    expect((await t.http.get('/api/v1/public/communiques?lang=de')).status).toBe(400);
  });

  it('lists published communiqués newest first, filtered by body, year and words in either language', async () => {
    const first = await communique({
      titleEn: 'Shelter capacity in Montréal',
      titleFr: 'Capacité d’hébergement à Montréal',
      bodyEn: 'Temporary housing.',
      bodyFr: 'Hébergement temporaire.',
    });
    const second = await communique({
      titleEn: 'Work permits for claimants',
      titleFr: 'Permis de travail des demandeurs',
      bodyEn: 'Faster work permits.',
      bodyFr: 'Des permis de travail plus rapides.',
    });
    const all = await t.http.get('/api/v1/public/communiques');
    expect(all.status).toBe(200);
    expect(all.headers.get('cache-control')).toContain('public');
    const ids = all.body.items.map((c: any) => c.id);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
    expect(all.body.total).toBe(ids.length);

    const fr = await t.http.get('/api/v1/public/communiques?q=h%C3%A9bergement&lang=fr');
    expect(fr.body.items.map((c: any) => c.id)).toEqual([first]);
    expect(fr.body.items[0]).toMatchObject({ title: 'Capacité d’hébergement à Montréal', url: `/fr/communiques/${first}` });
    expect((await t.http.get('/api/v1/public/communiques?q=work%20permits')).body.items.map((c: any) => c.id)).toEqual([second]);
    const year = new Date().getFullYear();
    expect((await t.http.get(`/api/v1/public/communiques?year=${year}&bodyId=${bodyId}`)).body.items.map((c: any) => c.id)).toEqual(
      expect.arrayContaining([first, second]),
    );
    expect((await t.http.get(`/api/v1/public/communiques?year=${year - 3}`)).body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/public/communiques?bodyId=00000000-0000-4000-8000-000000000000`)).body.total).toBe(0);

    const page = await t.http.get('/fr/communiques?q=permis');
    expect(page.text).toContain('Permis de travail des demandeurs');
    expect(page.text).not.toContain('Capacité d’hébergement');
  });

  it('serves pages with lang set, a link to the other language, and conditional GETs (ETag, Last-Modified, 304)', async () => {
    const id = await communique({
      titleEn: 'Joint statement on asylum',
      titleFr: 'Déclaration commune sur l’asile',
      bodyEn: 'Ministers met.',
      bodyFr: 'Les ministres se sont réunis.',
    });
    const en = await t.http.get(`/en/communiques/${id}`);
    expect(en.status).toBe(200);
    expect(en.text).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(en.text).toMatch(new RegExp(`href="/fr/communiques/${id}" lang="fr" hreflang="fr">Français<`));
    expect(en.text).not.toContain('<script');
    const fr = await t.http.get(`/fr/communiques/${id}`);
    expect(fr.text).toContain('<html lang="fr">');
    expect(fr.text).toContain('Déclaration commune sur l’asile');
    expect(fr.text).toMatch(new RegExp(`href="/en/communiques/${id}" lang="en" hreflang="en">English<`));

    const etag = en.headers.get('etag')!;
    const lastModified = en.headers.get('last-modified')!;
    expect(etag).toMatch(/^"/);
    expect(new Date(lastModified).getTime()).not.toBeNaN();
    expect(en.headers.get('cache-control')).toMatch(/public/);
    const byTag = await t.http.request('GET', `/en/communiques/${id}`, { headers: { 'if-none-match': etag } });
    expect(byTag.status).toBe(304);
    expect(byTag.text).toBe('');
    const byDate = await t.http.request('GET', `/en/communiques/${id}`, { headers: { 'if-modified-since': lastModified } });
    expect(byDate.status).toBe(304);
    const stale = await t.http.request('GET', `/en/communiques/${id}`, { headers: { 'if-none-match': '"something-else"' } });
    expect(stale.status).toBe(200);
    const before = await t.http.request('GET', `/en/communiques/${id}`, {
      headers: { 'if-modified-since': new Date(Date.parse(lastModified) - 60_000).toUTCString() },
    });
    expect(before.status).toBe(200);

    const list = await t.http.get('/en/communiques');
    expect(list.status).toBe(200);
    expect(list.text).toContain('<html lang="en">');
    expect(list.text).toContain('href="/fr/communiques"');
    expect(list.text).toContain(`href="/en/communiques/${id}"`);
    expect((await t.http.request('GET', '/en/communiques', { headers: { 'if-none-match': list.headers.get('etag')! } })).status).toBe(304);
    // The pages live outside /api/v1.
    expect((await t.http.get(`/api/v1/en/communiques/${id}`)).status).toBe(404);
  });

  it('answers the public API from a cache that a publication, a correction or a withdrawal refreshes at once', async () => {
    const first = await communique({ titleEn: 'Cached statement', titleFr: 'Déclaration en cache', bodyEn: 'One.', bodyFr: 'Un.' });
    const list = await t.http.get('/api/v1/public/communiques?lang=en&limit=100');
    expect(list.status).toBe(200);
    const etag = list.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    expect(list.headers.get('last-modified')).toBeTruthy();
    expect((await t.http.request('GET', '/api/v1/public/communiques?lang=en&limit=100', { headers: { 'if-none-match': etag } })).status).toBe(304);
    const detail = await t.http.get(`/api/v1/public/communiques/${first}`);
    expect((await t.http.request('GET', `/api/v1/public/communiques/${first}`, { headers: { 'if-none-match': detail.headers.get('etag')! } })).status).toBe(
      304,
    );

    const second = await communique({ titleEn: 'Newer statement', titleFr: 'Déclaration plus récente', bodyEn: 'Two.', bodyFr: 'Deux.' });
    const refreshed = await t.http.request('GET', '/api/v1/public/communiques?lang=en&limit=100', { headers: { 'if-none-match': etag } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.items[0].id).toBe(second);
    const page = await t.http.get('/en/communiques');
    expect(page.text).toContain(`/en/communiques/${second}`);

    const withdrawn = await t.http.post(`/api/v1/communiques/${first}/withdraw`, { reasonEn: 'Superseded', reasonFr: 'Remplacé' }, t.adminToken);
    expect(withdrawn.status).toBe(200);
    const after = await t.http.get(`/api/v1/public/communiques/${first}`);
    expect(after.status).toBe(200);
    expect(after.text).not.toBe(detail.text);
    expect(after.body.withdrawal).toBeTruthy();
  });

  it('publishes a valid Atom feed of published communiqués in each language', async () => {
    const id = await communique({ titleEn: 'Atom & friends', titleFr: 'Atome et compagnie', bodyEn: 'Feed text.', bodyFr: 'Texte du fil.' });
    for (const lang of ['en', 'fr'] as const) {
      const res = await t.http.get(`/api/v1/public/communiques.atom?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/atom+xml');
      expect(XMLValidator.validate(res.text)).toBe(true);
      const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'link' }).parse(res.text);
      expect(doc.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
      expect(doc.feed.title).toBeTruthy();
      expect(doc.feed.updated).toBeTruthy();
      const entry = doc.feed.entry.find((e: any) => String(e.id).endsWith(`/${lang}/communiques/${id}`));
      expect(entry).toBeDefined();
      // type="html": the plain-text title arrives escaped, so a reader shows it as text
      expect(entry.title['#text'] ?? entry.title).toBe(lang === 'en' ? 'Atom &amp; friends' : 'Atome et compagnie');
      expect(new Date(entry.updated).getTime()).not.toBeNaN();
      expect(entry.link[0]['@_href']).toContain(`/${lang}/communiques/${id}`);
    }
    expect((await t.http.get('/api/v1/public/communiques.atom?lang=xx')).status).toBe(400);
  });
});
