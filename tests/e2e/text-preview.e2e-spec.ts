import { Factories } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Markdown is rendered by one renderer: an editor's preview, the minutes and the communiqués in the app, and the
 * public pages all show the same sanitized HTML for the same text.
 */
describe('rendered text', () => {
  let t: TestApp;
  let f: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(() => t?.close());

  it('previews Markdown as sanitized HTML for any signed-in user, and names the field it needs', async () => {
    const official = await f.official((await f.government()).id);
    const preview = await t.http.post(
      '/api/v1/text/preview',
      { markdown: 'Ministers met **weekly**.\n\nSecond <script>alert(1)</script>[link](javascript:alert(1))' },
      official.token,
    );
    expect(preview.status).toBe(200);
    expect(preview.body.html).toBe('<p>Ministers met <strong>weekly</strong>.</p>\n<p>Second <a rel="noopener noreferrer nofollow">link</a></p>');

    const missing = await t.http.post('/api/v1/text/preview', {}, official.token);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('markdown');
    expect((await t.http.post('/api/v1/text/preview', { markdown: 'x'.repeat(100_001) }, official.token)).status).toBe(400);
    expect((await t.http.post('/api/v1/text/preview', { markdown: 'x' })).status).toBe(401);
  });

  it('gives minutes their HTML in each language, as the preview renders it', async () => {
    const { body } = await f.bodyWith({ member: { role: 'member', since: '2020-01-01' } });
    const meeting = await f.meeting(body.id, { startsAt: new Date('2024-03-01T14:00:00Z'), endsAt: new Date('2024-03-01T16:00:00Z') });
    const text = 'Members met **weekly**.\n\n- housing\n- triage';
    const saved = await t.http.request('PUT', `/api/v1/meetings/${meeting.id}/minutes`, {
      token: t.adminToken,
      body: { textEn: text, textFr: 'Les membres se sont réunis *chaque semaine*.' },
    });
    expect(saved.status).toBe(200);
    const preview = (await t.http.post('/api/v1/text/preview', { markdown: text }, t.adminToken)).body.html;
    expect(saved.body.htmlEn).toBe(preview);
    expect(saved.body.htmlEn).toContain('<li>triage</li>');
    expect(saved.body.htmlFr).toBe('<p>Les membres se sont réunis <em>chaque semaine</em>.</p>');
  });
});
