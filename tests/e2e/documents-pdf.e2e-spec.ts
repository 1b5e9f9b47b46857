import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestStorage, TestStorage, upload } from '../support/test-documents';
import { makePdf, pdfText } from '../support/test-pdf';
import { startTestWorker, TestWorker } from '../support/test-worker';

/** The PDFs officials brief from: the agenda package (merged papers, bookmarks, EN and FR), the record, communiqués. */
describe('meeting PDFs', () => {
  let storage: TestStorage;
  let t: TestApp;
  let f: Factories;
  let worker: TestWorker;

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

  const fetchPdf = async (path: string, token: string | null) => {
    const res = await fetch(t.baseUrl + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  it('builds the agenda package in the language asked: cover, agenda, the PDF papers in agenda order with bookmarks, the other files listed', async () => {
    const { body, seats } = await f.bodyWith({
      federal: { role: 'co_chair', level: 'federal', timeZone: 'America/Toronto' },
      bc: { role: 'co_chair', timeZone: 'America/Vancouver' },
      city: { role: 'member', level: 'municipal' },
    });
    const meeting = await f.meeting(body.id, { title: 'Réunion de printemps' });
    const item1 = (
      await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { title: 'Housing pressures', purpose: 'discussion', durationMinutes: 30 }, t.adminToken)
    ).body;
    const item2 = (
      await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { title: 'Cost sharing', purpose: 'decision', durationMinutes: 30 }, t.adminToken)
    ).body;
    const docs = `/api/v1/bodies/${body.id}/documents`;
    const add = async (token: string, name: string, bytes: Uint8Array, fields: Record<string, string | string[]>, type = 'application/pdf') => {
      const res = await upload(t.baseUrl, docs, { token, file: { name, type, bytes }, fields: { meetingId: meeting.id, ...fields } });
      if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const costEn = await add(t.adminToken, 'cost.pdf', await makePdf(['Cost sharing paper page one', 'Cost sharing paper page two']), {
      titleEn: 'Cost sharing options',
      titleFr: 'Options de partage des coûts',
      language: 'bilingual',
      agendaItemId: item2.id,
      marking: 'protected_b',
    });
    const housingEn = await add(t.adminToken, 'housing-en.pdf', await makePdf(['Housing paper in English']), {
      titleEn: 'Housing paper',
      language: 'en',
      agendaItemId: item1.id,
    });
    await add(t.adminToken, 'housing-fr.pdf', await makePdf(['Document sur le logement en francais']), {
      titleFr: 'Document sur le logement',
      language: 'fr',
      agendaItemId: item1.id,
      counterpartId: housingEn.id,
    });
    await add(
      t.adminToken,
      'shelter data.csv',
      Buffer.from('city,beds\nToronto,100\n'),
      { titleEn: 'Shelter data', titleFr: 'Données sur les refuges', language: 'bilingual', agendaItemId: item1.id },
      'text/csv',
    );
    await add(seats.federal.official.token, 'fpt.pdf', await makePdf(['Federal provincial only']), {
      titleEn: 'FPT note',
      language: 'en',
      agendaItemId: item2.id,
      access: 'restricted',
      governmentIds: [seats.federal.government.id, seats.bc.government.id],
    });

    const en = await fetchPdf(`/api/v1/meetings/${meeting.id}/packet.pdf?lang=en`, t.adminToken);
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toBe('application/pdf');
    // built by the worker, which the api waits for
    expect(en.headers.get('x-forum-packet-cache')).toBe('miss; built-by=worker');
    const enText = await pdfText(en.bytes);
    // cover, agenda, housing (1), cost sharing (2), FPT note (1)
    expect(enText.pages).toBe(6);
    expect(enText.title).toBe('Agenda package — Réunion de printemps');
    expect(enText.outline).toEqual(['Cover', 'Agenda', 'Housing paper', 'Cost sharing options', 'FPT note']);
    expect(enText.text[0]).toContain('Agenda package');
    expect(enText.text[0]).toContain('PROTECTED B');
    expect(enText.text[0]).toMatch(/Tuesday, March 11, 2031.*12:00/);
    expect(enText.text[0]).toMatch(/Tuesday, March 11, 2031.*9:00/);
    expect(enText.text[1]).toContain('1. Housing pressures');
    expect(enText.text[1]).toContain('shelter data.csv');
    expect(enText.text[1]).toContain('not included');
    expect(enText.text[2]).toContain('Housing paper in English');
    expect(enText.text[3]).toContain('Cost sharing paper page one');
    expect(enText.text[4]).toContain('Cost sharing paper page two');
    expect(enText.text[4]).toContain('PROTECTED B');
    expect(enText.text[5]).toContain('Federal provincial only');

    const fr = await fetchPdf(`/api/v1/meetings/${meeting.id}/packet.pdf?lang=fr`, t.adminToken);
    const frText = await pdfText(fr.bytes);
    expect(frText.pages).toBe(6);
    expect(frText.title).toBe('Trousse de réunion — Réunion de printemps');
    expect(frText.outline).toEqual(['Page couverture', 'Ordre du jour', 'Document sur le logement', 'Options de partage des coûts', 'FPT note']);
    expect(frText.text[0]).toContain('Trousse de réunion');
    expect(frText.text[0]).toContain('PROTÉGÉ B');
    expect(frText.text[0]).toMatch(/mardi 11 mars 2031/);
    expect(frText.text[1]).toContain('Ordre du jour');
    expect(frText.text[1]).toContain('Données sur les refuges');
    expect(frText.text[2]).toContain('Document sur le logement en francais');
    expect(frText.text.join('\n')).not.toContain('Housing paper in English');

    // unchanged: the stored build is streamed
    const again = await fetchPdf(`/api/v1/meetings/${meeting.id}/packet.pdf?lang=en`, t.adminToken);
    expect(again.headers.get('x-forum-packet-cache')).toBe('hit');
    expect(Buffer.from(again.bytes).equals(Buffer.from(en.bytes))).toBe(true);

    // the city is not among the restricted paper's governments: its package leaves it out
    const city = await pdfText((await fetchPdf(`/api/v1/meetings/${meeting.id}/packet.pdf?lang=en`, seats.city.official.token)).bytes);
    expect(city.outline).not.toContain('FPT note');
    expect(city.text.join('\n')).not.toContain('Federal provincial only');
    expect(city.pages).toBe(5);

    // a new version changes the package
    await upload(t.baseUrl, `/api/v1/documents/${costEn.id}/versions`, {
      token: t.adminToken,
      file: { name: 'cost-v2.pdf', type: 'application/pdf', bytes: await makePdf(['Cost sharing version two']) },
    });
    const changed = await fetchPdf(`/api/v1/meetings/${meeting.id}/packet.pdf?lang=en`, t.adminToken);
    expect(changed.headers.get('x-forum-packet-cache')).toMatch(/^miss/);
    const changedText = await pdfText(changed.bytes);
    expect(changedText.pages).toBe(5);
    expect(changedText.text.join('\n')).toContain('Cost sharing version two');

    // without a worker the api builds it itself
    await worker.close();
    const inline = await fetchPdf(`/api/v1/meetings/${meeting.id}/packet.pdf?lang=fr`, seats.city.official.token);
    expect(inline.headers.get('x-forum-packet-cache')).toBe('miss; built-by=api');
    expect((await pdfText(inline.bytes)).pages).toBe(4);

    const stranger = await f.official((await f.government()).id);
    expect((await fetchPdf(`/api/v1/meetings/${meeting.id}/packet.pdf`, stranger.token)).status).toBe(404);
    expect((await fetchPdf(`/api/v1/meetings/${meeting.id}/packet.pdf?lang=de`, t.adminToken)).status).toBe(400);
  });

  it('prints the record of a meeting: attendance, decisions and minutes', async () => {
    // the record is kept for a meeting that has taken place, with the governments seated then
    const { body, seats } = await f.bodyWith({ on: { role: 'member', since: '2019-01-01T12:00:00Z' } });
    const meeting = await f.meeting(body.id, { title: 'Record meeting', startsAt: '2020-03-11T16:00:00Z', endsAt: '2020-03-11T18:00:00Z' });
    await t.http.request('PUT', `/api/v1/meetings/${meeting.id}/attendance/${seats.on.government.id}`, { token: t.adminToken, body: { status: 'present' } });
    await t.http.request('PUT', `/api/v1/meetings/${meeting.id}/minutes`, { token: t.adminToken, body: { text: 'Members reviewed the housing pressures.' } });
    // members read minutes once they are circulated
    await t.http.post(`/api/v1/meetings/${meeting.id}/minutes/circulate`, { translationToFollow: true }, t.adminToken);
    await t.http.post(`/api/v1/meetings/${meeting.id}/decisions`, { text: 'Establish a triage centre.' }, t.adminToken);
    const res = await fetchPdf(`/api/v1/meetings/${meeting.id}/record.pdf?lang=en`, seats.on.official.token);
    expect(res.status).toBe(200);
    const text = (await pdfText(res.bytes)).text.join('\n');
    expect(text).toContain('Record of the meeting');
    expect(text).toContain('Attendance');
    expect(text).toContain('Decision 1');
    expect(text).toContain('Establish a triage centre.');
    expect(text).toContain('Members reviewed the housing pressures.');
    const fr = await pdfText((await fetchPdf(`/api/v1/meetings/${meeting.id}/record.pdf?lang=fr`, seats.on.official.token)).bytes);
    expect(fr.title).toContain('Compte rendu de la réunion');
    expect(fr.text.join('\n')).toContain('Procès-verbal');
  });

  it('prints a communiqué for its members, and for the public only once published', async () => {
    const { body, seats } = await f.bodyWith({ on: { role: 'member' } });
    const created = await t.http.post(
      '/api/v1/communiques',
      {
        bodyId: body.id,
        titleEn: 'Ministers meet',
        titleFr: 'Les ministres se réunissent',
        bodyEn: 'Ministers **met** today.',
        bodyFr: 'Les ministres se sont réunis aujourd’hui : œuvre commune.',
      },
      t.adminToken,
    );
    expect(created.status).toBe(201);
    const fr = await fetchPdf(`/api/v1/communiques/${created.body.id}/pdf?lang=fr`, seats.on.official.token);
    expect(fr.status).toBe(200);
    const text = await pdfText(fr.bytes);
    expect(text.title).toBe('Les ministres se réunissent');
    expect(text.text.join('\n')).toContain('aujourd’hui');
    expect(text.text.join('\n')).toContain('œuvre commune');
    const en = await pdfText((await fetchPdf(`/api/v1/communiques/${created.body.id}/pdf?lang=en`, seats.on.official.token)).bytes);
    expect(en.text.join('\n')).toContain('Ministers met today.');
    expect((await fetchPdf(`/api/v1/public/communiques/${created.body.id}/pdf`, null)).status).toBe(404);
  });
});
