import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(120_000));

/** Anything a page would fetch by itself (a script, a style sheet, an image, a font, an icon), with its address. */
const fetchedResources = (html: string): string[] =>
  [
    ...html.matchAll(
      /<(?:script|img|iframe|source)\b[^>]*\ssrc="([^"]+)"|<link\b[^>]*\srel="(?:stylesheet|icon|preload|modulepreload)"[^>]*\shref="([^"]+)"|url\(\s*['"]?([^'")]+)/gi,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]);

describe('the public portal pages: Canada.ca furniture, filters, participating governments, PDF', () => {
  let t: TestApp;
  let f: Factories;
  let officials: string[];
  let housingBody: { id: string };
  let labourBody: { id: string };
  let names: { canada: { en: string; fr: string }; ontario: { en: string; fr: string } };

  async function publish(bodyId: string, tokens: string[], text: Record<string, string>): Promise<string> {
    const created = await t.http.post('/api/v1/communiques', { bodyId, ...text }, t.adminToken);
    if (created.status !== 201) throw new Error(`communique: ${created.status} ${created.text}`);
    const id = created.body.id;
    expect((await t.http.post(`/api/v1/communiques/${id}/submit`, {}, t.adminToken)).status).toBe(200);
    for (const token of tokens) expect((await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: 1 }, token)).status).toBe(201);
    const res = await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken);
    if (res.status !== 200) throw new Error(`publish: ${res.status} ${res.text}`);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    const canada = await f.government({ level: 'federal', nameEn: 'Government of Canada (portal)', nameFr: 'Gouvernement du Canada (portail)' });
    const ontario = await f.government({ nameEn: 'Ontario (portal)', nameFr: 'Ontario (portail)' });
    names = {
      canada: { en: 'Government of Canada (portal)', fr: 'Gouvernement du Canada (portail)' },
      ontario: { en: 'Ontario (portal)', fr: 'Ontario (portail)' },
    };
    housingBody = await f.body({ kind: 'table', name: 'Portal housing table', nameFr: 'Table du logement du portail' });
    labourBody = await f.body({ kind: 'table', name: 'Portal labour table', nameFr: 'Table du travail du portail' });
    for (const body of [housingBody, labourBody]) {
      await f.member(body.id, canada.id, 'member');
      await f.member(body.id, ontario.id, 'member');
    }
    officials = [(await f.official(canada.id)).token, (await f.official(ontario.id)).token];
  });
  afterAll(() => t?.close());

  it('filters the list by body and by year on the server, each filtered address cached and validated on its own', async () => {
    const housing = await publish(housingBody.id, officials, {
      titleEn: 'Interim housing for claimants',
      titleFr: 'Hébergement provisoire des demandeurs',
      bodyEn: 'Housing.',
      bodyFr: 'Logement.',
    });
    const labour = await publish(labourBody.id, officials, {
      titleEn: 'Work permits within thirty days',
      titleFr: 'Permis de travail en trente jours',
      bodyEn: 'Permits.',
      bodyFr: 'Permis.',
    });
    const year = Number(new Intl.DateTimeFormat('en-CA', { year: 'numeric', timeZone: 'America/Toronto' }).format(new Date()));

    const all = await t.http.get('/en/communiques');
    // the filters offer exactly what has public communiqués: both bodies, this year
    expect(all.text).toMatch(new RegExp(`<option value="${housingBody.id}"[^>]*>Portal housing table</option>`));
    expect(all.text).toMatch(new RegExp(`<option value="${labourBody.id}"[^>]*>Portal labour table</option>`));
    expect(all.text).toContain(`<option value="${year}">${year}</option>`);
    expect((await t.http.get('/fr/communiques')).text).toMatch(new RegExp(`<option value="${housingBody.id}"[^>]*>Table du logement du portail</option>`));

    const byBody = await t.http.get(`/en/communiques?bodyId=${labourBody.id}`);
    expect(byBody.status).toBe(200);
    expect(byBody.text).toContain(`/en/communiques/${labour}`);
    expect(byBody.text).not.toContain(`/en/communiques/${housing}`);
    expect(byBody.text).toMatch(new RegExp(`<option value="${labourBody.id}" selected>`));

    const thisYear = await t.http.get(`/fr/communiques?year=${year}&bodyId=${housingBody.id}`);
    expect(thisYear.text).toContain(`/fr/communiques/${housing}`);
    expect(thisYear.text).not.toContain(`/fr/communiques/${labour}`);
    expect(thisYear.text).toContain(`<option value="${year}" selected>`);
    const longAgo = await t.http.get(`/en/communiques?year=${year - 5}`);
    expect(longAgo.text).not.toContain(`/en/communiques/${housing}`);
    expect(longAgo.text).toContain('No communiqué matches.');

    // each filtered address has its own validator, answered 304 when current, and a new publication refreshes it
    const etag = byBody.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(etag).not.toBe(all.headers.get('etag'));
    expect((await t.http.request('GET', `/en/communiques?bodyId=${labourBody.id}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const later = await publish(labourBody.id, officials, {
      titleEn: 'Second labour statement',
      titleFr: 'Deuxième déclaration sur le travail',
      bodyEn: 'More.',
      bodyFr: 'Plus.',
    });
    const refreshed = await t.http.request('GET', `/en/communiques?bodyId=${labourBody.id}`, { headers: { 'if-none-match': etag } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.text).toContain(`/en/communiques/${later}`);
  });

  it('shows each communiqué in the GC header and footer, with its participating governments, a link to its PDF and print styles; nothing fetched from elsewhere', async () => {
    const id = await publish(housingBody.id, officials, {
      titleEn: 'Joint statement on shelter capacity',
      titleFr: 'Déclaration commune sur la capacité d’hébergement',
      bodyEn: 'Shelters.',
      bodyFr: 'Refuges.',
    });
    for (const lang of ['en', 'fr'] as const) {
      const page = await t.http.get(`/${lang}/communiques/${id}`);
      expect(page.status).toBe(200);
      const html = page.text;
      // the skip link comes first in the body, then the signature and the language toggle
      expect(html.indexOf('class="skip"')).toBeLessThan(html.indexOf('class="signature"'));
      // the signature and the wordmark in the page's language, drawn from data URLs, each with its name for a screen reader
      expect(html).toContain(
        `<a class="signature" href="https://www.canada.ca/${lang}.html"><span class="sr-only">${lang === 'en' ? 'Government of Canada' : 'Gouvernement du Canada'}</span></a>`,
      );
      expect(html).toContain(
        `<div class="wordmark" role="img" aria-label="${lang === 'en' ? 'Symbol of the Government of Canada' : 'Symbole du gouvernement du Canada'}">`,
      );
      expect(html).toContain(
        encodeURIComponent(
          lang === 'en' ? '<title id="signature-en-title">Government of Canada</title>' : '<title id="signature-fr-title">Gouvernement du Canada</title>',
        ),
      );
      expect(html).not.toMatch(/<svg\b/);
      expect(html).toMatch(new RegExp(`<a href="/${lang === 'en' ? 'fr' : 'en'}/communiques/${id}" lang="${lang === 'en' ? 'fr' : 'en'}"`));
      expect(html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml,/);
      expect(html).toMatch(/<nav class="crumbs" aria-label="(Breadcrumb|Chemin de navigation)">/);
      expect(html).toMatch(
        lang === 'en' ? /Date modified:<\/dt> <dd><time datetime="\d{4}-\d{2}-\d{2}">/ : /Date de modification :<\/dt> <dd><time datetime="\d{4}-\d{2}-\d{2}">/,
      );
      expect(html).toContain('@media print');

      // the governments that concurred, in the order of precedence (the federal government first)
      const participants = html.slice(html.indexOf('class="participants"'));
      expect(participants).toContain(lang === 'en' ? 'Participating governments' : 'Gouvernements participants');
      expect(participants.indexOf(names.canada[lang])).toBeGreaterThan(-1);
      expect(participants.indexOf(names.canada[lang])).toBeLessThan(participants.indexOf(names.ontario[lang]));

      const pdfHref = html.match(/<a class="pdf" href="([^"]+)"/)![1];
      expect(pdfHref).toBe(`/api/v1/public/communiques/${id}/pdf?lang=${lang}`);
      const pdf = await t.http.get(pdfHref);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toMatch(/^application\/pdf/);

      // self-hosted: every resource the page loads is inline or on this origin
      for (const listPath of [`/${lang}/communiques/${id}`, `/${lang}/communiques`, `/${lang}/communiques/00000000-0000-4000-8000-000000000000`]) {
        const text = (await t.http.get(listPath)).text;
        for (const resource of fetchedResources(text))
          expect({ listPath, resource, local: resource.startsWith('data:') || resource.startsWith('/') || resource.startsWith('#') }).toMatchObject({
            local: true,
          });
      }
    }
  });

  it('never shows a proposed correction’s title in the public list, search or page before it is published', async () => {
    const id = await publish(housingBody.id, officials, {
      titleEn: 'Original published title',
      titleFr: 'Titre publié original',
      bodyEn: 'Original text.',
      bodyFr: 'Texte original.',
    });
    const proposed = await t.http.post(
      `/api/v1/communiques/${id}/corrections`,
      {
        titleEn: 'Unpublished xylophone title',
        titleFr: 'Titre xylophone non publié',
        bodyEn: 'Corrected zanzibar text.',
        bodyFr: 'Texte zanzibar corrigé.',
        noteEn: 'Title corrected',
        noteFr: 'Titre corrigé',
      },
      t.adminToken,
    );
    expect(proposed.status).toBe(201);

    for (const lang of ['en', 'fr'] as const) {
      const list = (await t.http.get(`/${lang}/communiques`)).text;
      expect(list).toContain(lang === 'en' ? 'Original published title' : 'Titre publié original');
      expect(list).not.toMatch(/xylophone/i);
      const api = await t.http.get(`/api/v1/public/communiques?lang=${lang}`);
      const item = api.body.items.find((c: any) => c.id === id);
      expect(item).toMatchObject({ titleEn: 'Original published title', titleFr: 'Titre publié original' });
      expect((await t.http.get(`/${lang}/communiques/${id}`)).text).not.toMatch(/xylophone/i);
    }
    // the proposed words find nothing publicly; the published ones still find it
    expect((await t.http.get('/api/v1/public/communiques?q=xylophone')).body.total).toBe(0);
    expect((await t.http.get('/api/v1/public/communiques?q=zanzibar')).body.total).toBe(0);
    expect((await t.http.get('/fr/communiques?q=xylophone')).text).not.toContain(`/fr/communiques/${id}`);
    expect((await t.http.get('/api/v1/public/communiques?q=original')).body.items.map((c: any) => c.id)).toContain(id);

    // once every party concurs and it is published, the correction is the public text
    for (const token of officials)
      expect((await t.http.post(`/api/v1/communiques/${id}/concurrences`, { revision: proposed.body.concurrence.revision }, token)).status).toBe(201);
    expect((await t.http.post(`/api/v1/communiques/${id}/publish`, {}, t.adminToken)).status).toBe(200);
    expect((await t.http.get('/en/communiques')).text).toContain('Unpublished xylophone title');
    expect((await t.http.get('/api/v1/public/communiques?q=xylophone')).body.items.map((c: any) => c.id)).toEqual([id]);
  });
});
