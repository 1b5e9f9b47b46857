import { createHash } from 'node:crypto';
import { LegacyBlobs } from '@forum/documents';
import { AgendaPapersToDocuments1796164200000 } from '../../libs/core/src/database/migrations/1796164200000-AgendaPapersToDocuments';
import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestStorage, TestStorage } from '../support/test-documents';

/** Papers uploaded as base64 before the library become documents of their agenda item, with nothing lost. */
describe('agenda papers migrated into documents', () => {
  let storage: TestStorage;
  let t: TestApp;
  let f: Factories;

  beforeAll(async () => {
    storage = await startTestStorage('filesystem');
    t = await startTestApp({ env: storage.env });
    f = new Factories(t);
  });
  afterAll(async () => {
    await t?.close();
    await storage?.close();
  });

  it('copies each uploaded paper into a document attached to its item, serves its bytes, then moves them into storage', async () => {
    const { body, seats } = await f.bodyWith({ on: { role: 'member' } });
    const meeting = await f.meeting(body.id);
    const item = (
      await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { title: 'Data', purpose: 'information', durationMinutes: 15 }, t.adminToken)
    ).body;
    const bytes = Buffer.from('province,2017\nQC,18836\n');
    const paper = await t.http.post(
      `/api/v1/meetings/${meeting.id}/agenda-items/${item.id}/papers`,
      { title: 'Figures', fileName: 'Plan d’action.csv', contentType: 'text/csv', contentBase64: bytes.toString('base64') },
      t.adminToken,
    );
    expect(paper.status).toBe(201);
    await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items/${item.id}/papers`, { title: 'Link', url: 'https://example.org/a.pdf' }, t.adminToken);

    // the paper was made after the migration ran: run it again over this database
    const runner = t.dataSource.createQueryRunner();
    const migration = new AgendaPapersToDocuments1796164200000();
    await migration.down(runner);
    await migration.up(runner);
    await runner.release();

    const document = await t.http.get(`/api/v1/documents/${paper.body.id}`, seats.on.official.token);
    expect(document.status).toBe(200);
    expect(document.body).toMatchObject({
      bodyId: body.id,
      meetingId: meeting.id,
      agendaItemId: item.id,
      title: 'Figures',
      access: 'members',
      marking: 'unclassified',
    });
    expect(document.body.versions).toEqual([
      expect.objectContaining({ number: 1, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), fileName: 'Plan d’action.csv' }),
    ]);

    const fromTable = await t.http.get(`/api/v1/documents/${paper.body.id}/content`, seats.on.official.token);
    expect(fromTable.status).toBe(200);
    expect(fromTable.text).toBe(bytes.toString());
    expect(fromTable.headers.get('content-disposition')).toContain(`filename*=UTF-8''Plan%20d%E2%80%99action.csv`);

    expect(await t.app.get(LegacyBlobs).moveAll()).toBe(1);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM document_legacy_blob`))[0].n).toBe(0);
    const fromStorage = await t.http.get(`/api/v1/documents/${paper.body.id}/content`, seats.on.official.token);
    expect(fromStorage.text).toBe(bytes.toString());
    expect((await storage.keys()).some((k) => k.endsWith(document.body.versions[0].sha256))).toBe(true);
    // the paper routes keep working
    expect((await t.http.get(paper.body.downloadUrl, t.adminToken)).status).toBe(200);
  });
});
