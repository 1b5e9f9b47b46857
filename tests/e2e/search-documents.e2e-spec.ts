import { randomBytes } from 'node:crypto';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestStorage, TestStorage, upload } from '../support/test-documents';
import { makePdf } from '../support/test-pdf';
import { waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { scaled } from '../support/timeouts';

jest.setTimeout(scaled(120_000));

const marker = () => `zq${randomBytes(3).toString('hex')}`;

/** The words inside uploaded files are found, within what each caller may read. */
describe('search: documents and the text inside them', () => {
  let t: TestApp;
  let worker: TestWorker;
  let storage: TestStorage;
  let f: Factories;

  beforeAll(async () => {
    storage = await startTestStorage('filesystem');
    t = await startTestApp({ env: storage.env });
    worker = await startTestWorker(t);
    f = new Factories(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await storage?.close();
  });

  const search = (q: string, token: string) => t.http.get(`/api/v1/search?q=${encodeURIComponent(q)}&types=document`, token);

  it('finds a word that appears only inside an uploaded PDF, and a plain text file by its words', async () => {
    const { body, seats } = await f.bodyWith({ on: { role: 'member' } });
    const m = marker();
    const pdf = await upload(t.baseUrl, `/api/v1/bodies/${body.id}/documents`, {
      token: seats.on.official.token,
      fields: { title: 'Briefing note', language: 'en', access: 'members', marking: 'unclassified' },
      file: { name: 'briefing.pdf', type: 'application/pdf', bytes: await makePdf([`Per claimant costs ${m} for interim housing.`]) },
    });
    expect(pdf.status).toBe(201);
    const text = await upload(t.baseUrl, `/api/v1/bodies/${body.id}/documents`, {
      token: seats.on.official.token,
      fields: { title: 'Notes', language: 'fr', access: 'members', marking: 'unclassified' },
      file: { name: 'notes.txt', type: 'text/plain', bytes: new TextEncoder().encode(`Capacité d’hébergement ${m}`) },
    });
    expect(text.status).toBe(201);

    const hits = await waitUntil(
      async () => {
        const res = await search(m, seats.on.official.token);
        return res.body.total === 2 ? res.body.items : null;
      },
      60_000,
      'both files read by the worker',
    );
    expect(hits.map((h: { id: string }) => h.id).sort()).toEqual([pdf.body.id, text.body.id].sort());
    const inPdf = (await search(`claimant ${m}`, seats.on.official.token)).body.items;
    expect(inPdf.map((h: { id: string }) => h.id)).toEqual([pdf.body.id]);
    expect(inPdf[0].snippet).toContain('<mark>claimant</mark>');
    expect((await search(`hebergements ${m}`, seats.on.official.token)).body.items.map((h: { id: string }) => h.id)).toEqual([text.body.id]);
  });

  it('finds nothing of a restricted document for a government it is not restricted to, and totals agree', async () => {
    const { body, seats } = await f.bodyWith({ on: { role: 'member' }, bc: { role: 'member' } });
    const outsider = await f.official((await f.government()).id);
    const m = marker();
    const restricted = await upload(t.baseUrl, `/api/v1/bodies/${body.id}/documents`, {
      token: seats.on.official.token,
      fields: { title: `Cabinet confidence ${m}`, language: 'en', access: 'restricted', governmentIds: [seats.on.government.id], marking: 'protected_b' },
      file: { name: 'confidence.txt', type: 'text/plain', bytes: new TextEncoder().encode(`Restricted figures ${m}`) },
    });
    expect(restricted.status).toBe(201);
    await waitUntil(async () => (await search(m, seats.on.official.token)).body.total === 1, 60_000, 'the restricted document indexed');
    expect((await search(m, t.adminToken)).body.total).toBe(1);
    expect((await search(m, seats.bc.official.token)).body).toEqual({ items: [], total: 0 });
    expect((await search(m, outsider.token)).body).toEqual({ items: [], total: 0 });
  });
});
