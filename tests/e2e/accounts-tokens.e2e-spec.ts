import { startTestApp, TestApp } from '../support/test-app';
import { Factories } from '../support/factories';

describe('service tokens', () => {
  let t: TestApp;
  let f: Factories;
  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
  });
  afterAll(() => t?.close());

  const create = (body: Record<string, unknown>, token = t.adminToken) => t.http.post('/api/v1/api-tokens', body, token);

  it('is the secretariat’s: an official gets 403 whatever the body holds', async () => {
    const gov = await f.government();
    const official = await f.official(gov.id);
    expect((await create({ name: 'x', scopes: ['read'] }, official.token)).status).toBe(403);
    expect((await create({ nope: 1 }, official.token)).status).toBe(403);
    expect((await t.http.get('/api/v1/api-tokens', official.token)).status).toBe(403);
    expect((await create({ name: 'x', scopes: ['everything'] })).status).toBe(400);
    expect((await create({ name: 'x', scopes: ['read'], expiresAt: '2001-01-01T00:00:00Z' })).status).toBe(400);
  });

  it('shows the secret once, stores it hashed, enforces scopes, records last use, audits under its name and stops at once when revoked', async () => {
    const gov = await f.government();
    const body = await f.body();
    await f.member(body.id, gov.id);
    const item = await f.actionItem(body.id, gov.id);

    const readOnly = await create({ name: 'Open-data portal', scopes: ['read'] });
    expect(readOnly.status).toBe(201);
    expect(readOnly.body).toMatchObject({
      id: expect.any(String),
      name: 'Open-data portal',
      secret: expect.stringMatching(/^forum_st_/),
      scopes: ['read'],
      governmentId: null,
      expiresAt: null,
    });
    const secret: string = readOnly.body.secret;
    const stored = await t.dataSource.query(`SELECT secret_hash FROM api_token WHERE id = $1`, [readOnly.body.id]);
    expect(stored[0].secret_hash).not.toContain(secret);
    expect(stored[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);

    // read: what the secretariat reads
    expect((await t.http.get(`/api/v1/action-items/${item.id}`, secret)).status).toBe(200);
    // read only: every write 403
    expect((await t.http.patch(`/api/v1/action-items/${item.id}`, { version: item.version, progress: 10 }, secret)).status).toBe(403);
    expect((await t.http.post('/api/v1/action-items', { bodyId: body.id, leadGovernmentId: gov.id, title: 'x', dueOn: '2030-01-01' }, secret)).status).toBe(
      403,
    );
    expect((await t.http.post('/api/v1/bodies', { name: 'x', kind: 'table', permanent: true }, secret)).status).toBe(403);
    // never the tokens themselves
    expect((await t.http.get('/api/v1/api-tokens', secret)).status).toBe(403);

    const list = await t.http.get('/api/v1/api-tokens', t.adminToken);
    const listed = list.body.items.find((x: any) => x.id === readOnly.body.id);
    expect(listed.lastUsedAt).toEqual(expect.any(String));
    expect(listed.secret).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const audit = await t.http.get(`/api/v1/audit?actorUserId=${readOnly.body.id}`, t.adminToken);
    expect(audit.status).toBe(200);
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(audit.body.items[0].changes).toMatchObject({ token: 'Open-data portal' });

    const revoked = await t.http.delete(`/api/v1/api-tokens/${readOnly.body.id}`, t.adminToken);
    expect(revoked.status).toBe(200);
    expect((await t.http.get(`/api/v1/action-items/${item.id}`, secret)).status).toBe(401);
    expect((await t.http.get(`/api/v1/action-items/${item.id}`, secret + 'x')).status).toBe(401);
  });

  it('a token with a write scope writes within it only; a bound token sees what its government sees', async () => {
    const gov = await f.government();
    const outsider = await f.government();
    const body = await f.body();
    await f.member(body.id, gov.id);
    const item = await f.actionItem(body.id, gov.id);

    const writer = (await create({ name: 'Cabinet tracker', governmentId: gov.id, scopes: ['read', 'action-items:write'] })).body;
    expect(writer.governmentId).toBe(gov.id);
    const patched = await t.http.patch(`/api/v1/action-items/${item.id}`, { version: item.version, status: 'in_progress' }, writer.secret);
    expect(patched.status).toBe(200);
    // a meeting is outside its scopes
    expect(
      (await t.http.post('/api/v1/meetings', { bodyId: body.id, title: 'x', startsAt: '2031-03-11T16:00:00Z', endsAt: '2031-03-11T18:00:00Z' }, writer.secret))
        .status,
    ).toBe(403);
    const updates = await t.http.get(`/api/v1/action-items/${item.id}/updates`, t.adminToken);
    expect(updates.status).toBe(200);

    const other = (await create({ name: 'Another province', governmentId: outsider.id, scopes: ['read'] })).body;
    expect((await t.http.get(`/api/v1/action-items/${item.id}`, other.secret)).status).toBe(404);

    const expiring = (await create({ name: 'Short', scopes: ['read'], expiresAt: new Date(Date.now() + 1500).toISOString() })).body;
    expect((await t.http.get('/api/v1/bodies', expiring.secret)).status).toBe(200);
    await t.dataSource.query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.id]);
    expect((await t.http.get('/api/v1/bodies', expiring.secret)).status).toBe(401);
  });
});
