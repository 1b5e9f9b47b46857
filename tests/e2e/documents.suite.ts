import { createHash, randomBytes } from 'node:crypto';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestStorage, StorageDriver, TestStorage, upload } from '../support/test-documents';
import { makePdf } from '../support/test-pdf';
import { connectSocket, TestSocket, waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';

const MAX_BYTES = 256 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The documents library, end to end, over one storage driver (run once per driver). */
export function documentsSuite(driver: StorageDriver) {
  describe(`documents on the ${driver} storage`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let worker: TestWorker;
    let f: Factories;
    let scene: Awaited<ReturnType<Factories['bodyWith']>>;
    let outsider: { token: string };
    const sockets: TestSocket[] = [];

    beforeAll(async () => {
      storage = await startTestStorage(driver);
      t = await startTestApp({ env: { ...storage.env, FORUM_DOCUMENT_MAX_BYTES: String(MAX_BYTES) } });
      worker = await startTestWorker(t);
      f = new Factories(t);
      scene = await f.bodyWith({
        federal: { role: 'co_chair', level: 'federal' },
        province: { role: 'co_chair' },
        city: { role: 'member', level: 'municipal' },
      });
      outsider = await f.official((await f.government()).id);
    });
    afterAll(async () => {
      sockets.forEach((s) => s.close());
      await worker?.close();
      await t?.close();
      await storage?.close();
    });

    const docs = () => `/api/v1/bodies/${scene.body.id}/documents`;
    const pdfFile = async (name = 'Plan d’action.pdf', text = 'Plan d’action') => ({ name, type: 'application/pdf', bytes: await makePdf([text]) });

    it('keeps the bytes exactly: the download is byte-identical and its ETag is the SHA-256', async () => {
      const file = { ...(await pdfFile()), bytes: Buffer.concat([await makePdf(['Plan d’action']), randomBytes(100_000)]) };
      const res = await upload(t.baseUrl, docs(), {
        token: scene.seats.province.official.token,
        file,
        fields: { titleEn: 'Action plan', titleFr: 'Plan d’action', language: 'bilingual', marking: 'protected_a' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        bodyId: scene.body.id,
        title: 'Action plan',
        titleFr: 'Plan d’action',
        language: 'bilingual',
        access: 'members',
        marking: 'protected_a',
        governmentIds: [],
        counterpartId: null,
      });
      expect(res.body.versions).toEqual([
        expect.objectContaining({
          number: 1,
          size: file.bytes.length,
          sha256: sha256(file.bytes),
          contentType: 'application/pdf',
          fileName: 'Plan d’action.pdf',
          uploadedBy: scene.seats.province.official.id,
        }),
      ]);

      const download = await fetch(`${t.baseUrl}/api/v1/documents/${res.body.id}/content`, {
        headers: { authorization: `Bearer ${scene.seats.city.official.token}` },
      });
      expect(download.status).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(sha256(bytes)).toBe(sha256(file.bytes));
      expect(bytes.equals(Buffer.from(file.bytes))).toBe(true);
      expect(download.headers.get('etag')).toBe(`"${sha256(file.bytes)}"`);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('cache-control')).toBe('private, no-store');
      expect(download.headers.get('accept-ranges')).toBe('bytes');
      expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Plan d_action.pdf"; filename*=UTF-8''Plan%20d%E2%80%99action.pdf`);

      const inline = await fetch(`${t.baseUrl}/api/v1/documents/${res.body.id}/content?inline=1`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(inline.headers.get('content-disposition')).toMatch(/^inline; /);
      await inline.arrayBuffer();

      const audit = await t.http.get(`/api/v1/audit?entityType=document&entityId=${res.body.id}`, t.adminToken);
      const downloads = (audit.body.items ?? []).filter((a: any) => a.action === 'document.downloaded');
      expect(downloads.length).toBeGreaterThanOrEqual(2);
    });

    it('answers single and suffix ranges with 206 and an unsatisfiable one with 416', async () => {
      const bytes = Buffer.from('id,name\n' + 'x'.repeat(1000) + '\n', 'utf8');
      const res = await upload(t.baseUrl, docs(), { token: t.adminToken, file: { name: 'data.csv', type: 'text/csv', bytes }, fields: { title: 'Data' } });
      expect(res.status).toBe(201);
      expect(res.body.versions[0].contentType).toBe('text/csv; charset=utf-8');
      const get = (range: string) =>
        fetch(`${t.baseUrl}/api/v1/documents/${res.body.id}/content`, { headers: { authorization: `Bearer ${t.adminToken}`, range } });

      const first = await get('bytes=0-6');
      expect(first.status).toBe(206);
      expect(first.headers.get('content-range')).toBe(`bytes 0-6/${bytes.length}`);
      expect(await first.text()).toBe('id,name');

      const suffix = await get('bytes=-5');
      expect(suffix.status).toBe(206);
      expect(Buffer.from(await suffix.arrayBuffer()).equals(bytes.subarray(bytes.length - 5))).toBe(true);

      const open = await get('bytes=1000-');
      expect(open.status).toBe(206);
      expect(Buffer.from(await open.arrayBuffer()).equals(bytes.subarray(1000))).toBe(true);

      const beyond = await get(`bytes=${bytes.length}-`);
      expect(beyond.status).toBe(416);
      expect(beyond.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
      expect((await beyond.json()).reason).toBe('range_not_satisfiable');
    });

    it('keeps every version with its uploader, size and hash, and serves each', async () => {
      const v1 = await pdfFile('brief.pdf', 'version one');
      const created = await upload(t.baseUrl, docs(), { token: scene.seats.federal.official.token, file: v1, fields: { title: 'Briefing note' } });
      expect(created.status).toBe(201);
      const v2 = await pdfFile('brief-v2.pdf', 'version two');
      const added = await upload(t.baseUrl, `/api/v1/documents/${created.body.id}/versions`, { token: scene.seats.city.official.token, file: v2 });
      expect(added.status).toBe(201);
      expect(added.body.versions.map((v: any) => [v.number, v.sha256, v.uploadedBy, v.fileName])).toEqual([
        [1, sha256(v1.bytes), scene.seats.federal.official.id, 'brief.pdf'],
        [2, sha256(v2.bytes), scene.seats.city.official.id, 'brief-v2.pdf'],
      ]);
      const latest = await fetch(`${t.baseUrl}/api/v1/documents/${created.body.id}/content`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(sha256(Buffer.from(await latest.arrayBuffer()))).toBe(sha256(v2.bytes));
      const first = await fetch(`${t.baseUrl}/api/v1/documents/${created.body.id}/content?version=1`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(sha256(Buffer.from(await first.arrayBuffer()))).toBe(sha256(v1.bytes));
      expect((await t.http.get(`/api/v1/documents/${created.body.id}/content?version=3`, t.adminToken)).status).toBe(404);
      expect((await t.http.get(`/api/v1/documents/${created.body.id}`, t.adminToken)).body.versions).toHaveLength(2);
    });

    it('shows a restricted document, its bytes and its events only to its governments and the secretariat', async () => {
      const { federal, province, city } = scene.seats;
      const citySocket = await connectSocket(t.baseUrl, city.official.token);
      const provinceSocket = await connectSocket(t.baseUrl, province.official.token);
      const secretariatSocket = await connectSocket(t.baseUrl, t.adminToken);
      const strangerSocket = await connectSocket(t.baseUrl, outsider.token);
      sockets.push(citySocket, provinceSocket, secretariatSocket, strangerSocket);

      const refused = await upload(t.baseUrl, docs(), {
        token: federal.official.token,
        file: await pdfFile(),
        fields: { title: 'FPT only', access: 'restricted', governmentIds: [province.government.id] },
      });
      expect(refused.status).toBe(400);

      const res = await upload(t.baseUrl, docs(), {
        token: federal.official.token,
        file: await pdfFile('fpt.pdf', 'federal-provincial'),
        fields: { title: 'FPT only', access: 'restricted', governmentIds: [federal.government.id, province.government.id] },
      });
      expect(res.status).toBe(201);
      expect(res.body.governmentIds.sort()).toEqual([federal.government.id, province.government.id].sort());
      const id = res.body.id;

      for (const token of [city.official.token, outsider.token]) {
        expect((await t.http.get(`/api/v1/documents/${id}`, token)).status).toBe(404);
        expect((await t.http.get(`/api/v1/documents/${id}/content`, token)).status).toBe(404);
        expect((await upload(t.baseUrl, `/api/v1/documents/${id}/versions`, { token, file: await pdfFile() })).status).toBe(404);
      }
      expect((await t.http.get(docs(), outsider.token)).status).toBe(404);
      const cityList = await t.http.get(`${docs()}?limit=200`, city.official.token);
      expect(cityList.status).toBe(200);
      expect(cityList.body.items.map((d: any) => d.id)).not.toContain(id);
      const provinceList = await t.http.get(`${docs()}?limit=200`, province.official.token);
      expect(provinceList.body.items.map((d: any) => d.id)).toContain(id);
      expect((await t.http.get(`/api/v1/documents/${id}/content`, province.official.token)).status).toBe(200);

      await provinceSocket.waitFor('document.added', (p) => p.id === id);
      await secretariatSocket.waitFor('document.added', (p) => p.id === id);
      // an event for everyone, sent after: once the city has it, it would have had the restricted one
      const open = await upload(t.baseUrl, docs(), { token: federal.official.token, file: await pdfFile('open.pdf', 'open'), fields: { title: 'For all' } });
      await citySocket.waitFor('document.added', (p) => p.id === open.body.id);
      await provinceSocket.waitFor('document.added', (p) => p.id === open.body.id);
      expect(citySocket.received('document.added', (p) => p.id === id)).toEqual([]);
      expect(strangerSocket.received('document.added')).toEqual([]);

      const version = await upload(t.baseUrl, `/api/v1/documents/${id}/versions`, { token: province.official.token, file: await pdfFile('fpt-2.pdf', 'v2') });
      expect(version.status).toBe(201);
      await provinceSocket.waitFor('document.updated', (p) => p.id === id && p.bodyId === scene.body.id);
      const openVersion = await upload(t.baseUrl, `/api/v1/documents/${open.body.id}/versions`, {
        token: province.official.token,
        file: await pdfFile('open-2.pdf', 'v2'),
      });
      expect(openVersion.status).toBe(201);
      await citySocket.waitFor('document.updated', (p) => p.id === open.body.id);
      expect(citySocket.received('document.updated', (p) => p.id === id)).toEqual([]);
    });

    it('refuses a file over the limit with 413 and keeps nothing of it', async () => {
      const before = await storage.keys();
      const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM document_version`);
      const res = await upload(t.baseUrl, docs(), {
        token: t.adminToken,
        file: { name: 'big.pdf', type: 'application/pdf', bytes: Buffer.concat([await makePdf(['big']), randomBytes(MAX_BYTES)]) },
        fields: { title: 'Too big' },
      });
      expect(res.status).toBe(413);
      expect(res.body.reason).toBe('payload_too_large');
      expect(await storage.keys()).toEqual(before);
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM document_version`))[0].n).toBe(rows[0].n);
    });

    it('refuses an empty file, a lying file and a file whose record is refused, keeping nothing', async () => {
      const before = await storage.keys();
      const empty = await upload(t.baseUrl, docs(), {
        token: t.adminToken,
        file: { name: 'empty.pdf', type: 'application/pdf', bytes: new Uint8Array() },
        fields: { title: 'Empty' },
      });
      expect(empty.status).toBe(400);
      expect(empty.body.reason).toBe('empty_file');
      const png = Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f30000000049454e44ae426082',
        'hex',
      );
      const lying = await upload(t.baseUrl, docs(), {
        token: t.adminToken,
        file: { name: 'report.pdf', type: 'application/pdf', bytes: png },
        fields: { title: 'Lying' },
      });
      expect(lying.status).toBe(400);
      expect(lying.body.reason).toBe('type_mismatch');
      const binaryText = await upload(t.baseUrl, docs(), {
        token: t.adminToken,
        file: { name: 'notes.txt', type: 'text/plain', bytes: Buffer.from([0x41, 0x00, 0xff, 0xfe]) },
        fields: { title: 'Not text' },
      });
      expect(binaryText.status).toBe(400);
      const badField = await upload(t.baseUrl, docs(), {
        token: t.adminToken,
        file: await pdfFile('x.pdf', randomBytes(8).toString('hex')),
        fields: { title: 'Bad', marking: 'secret' },
      });
      expect(badField.status).toBe(400);
      expect(badField.body.message).toEqual([expect.stringContaining('marking')]);
      const noFile = await upload(t.baseUrl, docs(), { token: t.adminToken, fields: { title: 'No file' } });
      expect(noFile.status).toBe(400);
      const json = await t.http.post(docs(), { title: 'json' }, t.adminToken);
      expect(json.status).toBe(400);
      const noBoundary = await t.http.request('POST', docs(), { token: t.adminToken, headers: { 'content-type': 'multipart/form-data' }, body: 'hello' });
      expect(noBoundary.status).toBe(400);
      const form = new FormData();
      form.append('title', 'Two files');
      form.append('file', new Blob([await makePdf(['one'])], { type: 'application/pdf' }), 'one.pdf');
      form.append('file', new Blob([await makePdf(['two'])], { type: 'application/pdf' }), 'two.pdf');
      const two = await fetch(t.baseUrl + docs(), { method: 'POST', headers: { authorization: `Bearer ${t.adminToken}` }, body: form });
      expect(two.status).toBe(400);
      await two.text();
      expect(await storage.keys()).toEqual(before);
    });

    it('attaches a document to a meeting item of the same body only, and pairs languages', async () => {
      const meeting = await f.meeting(scene.body.id);
      const item = await t.http.post(
        `/api/v1/meetings/${meeting.id}/agenda-items`,
        { title: 'Item', purpose: 'discussion', durationMinutes: 30 },
        t.adminToken,
      );
      expect(item.status).toBe(201);
      const en = await upload(t.baseUrl, docs(), {
        token: t.adminToken,
        file: await pdfFile('en.pdf', 'english'),
        fields: { titleEn: 'Paper', language: 'en', agendaItemId: item.body.id },
      });
      expect(en.status).toBe(201);
      expect(en.body).toMatchObject({ meetingId: meeting.id, agendaItemId: item.body.id, translation: { status: 'pending', sourceLang: 'en' } });
      const fr = await upload(t.baseUrl, docs(), {
        token: t.adminToken,
        file: await pdfFile('fr.pdf', 'français'),
        fields: { titleFr: 'Document', language: 'fr', meetingId: meeting.id, agendaItemId: item.body.id, counterpartId: en.body.id },
      });
      expect(fr.status).toBe(201);
      expect(fr.body.counterpartId).toBe(en.body.id);
      expect((await t.http.get(`/api/v1/documents/${en.body.id}`, t.adminToken)).body.counterpartId).toBe(fr.body.id);
      const listed = await t.http.get(`${docs()}?meetingId=${meeting.id}`, scene.seats.city.official.token);
      expect(listed.body.items.map((d: any) => d.id).sort()).toEqual([en.body.id, fr.body.id].sort());

      const other = await f.body();
      const otherMeeting = await f.meeting(other.id);
      const wrong = await upload(t.baseUrl, docs(), { token: t.adminToken, file: await pdfFile(), fields: { title: 'Wrong', meetingId: otherMeeting.id } });
      expect(wrong.status).toBe(400);
    });

    it('finds files no version holds and sweeps them', async () => {
      const { DocumentSweep, DOCUMENT_STORAGE, blobKey } = await import('@forum/documents');
      const store = t.app.get(DOCUMENT_STORAGE);
      const { Readable } = await import('node:stream');
      const orphan = randomBytes(64);
      const staged = await store.stage(Readable.from([orphan]));
      await store.commit(staged, blobKey(sha256(orphan)));
      expect(await storage.keys()).toContain(blobKey(sha256(orphan)));
      const result = await t.app.get(DocumentSweep).sweep(-1000);
      expect(result.orphans).toBe(1);
      expect(await storage.keys()).not.toContain(blobKey(sha256(orphan)));
      await waitUntil(async () => (await t.http.get(`/api/v1/documents/00000000-0000-4000-8000-000000000000`, t.adminToken)).status === 404);
    });
  });
}
