import { startTestApp, TestApp } from '../support/test-app';
import { Factories, TestGovernment } from '../support/factories';

/**
 * The access-control matrix: for every route and every role, the expected status, written once in a
 * table and checked. Cross-government access gives 404 or 403, never data.
 */
type Role = 'secretariat' | 'coChair' | 'lead' | 'supporting' | 'observer' | 'nonMember' | 'municipal' | 'anonymous';
const ROLES: Role[] = ['secretariat', 'coChair', 'lead', 'supporting', 'observer', 'nonMember', 'municipal', 'anonymous'];

/** inside a body: members (observers included) and the secretariat read; strangers get 404 */
const READ_INSIDE = { secretariat: 200, coChair: 200, lead: 200, supporting: 200, observer: 200, nonMember: 404, municipal: 404, anonymous: 401 };
/** a secretariat-only write inside a body: members 403, strangers 404 */
const WRITE_INSIDE = (ok: number) => ({ secretariat: ok, coChair: 403, lead: 403, supporting: 403, observer: 403, nonMember: 404, municipal: 404, anonymous: 401 });
const SIGNED_IN = { secretariat: 200, coChair: 200, lead: 200, supporting: 200, observer: 200, nonMember: 200, municipal: 200, anonymous: 401 };
const SECRETARIAT_ONLY = (ok: number) => ({ secretariat: ok, coChair: 403, lead: 403, supporting: 403, observer: 403, nonMember: 403, municipal: 403, anonymous: 401 });
const ANYONE = { secretariat: 200, coChair: 200, lead: 200, supporting: 200, observer: 200, nonMember: 200, municipal: 200, anonymous: 200 };

interface Row {
  route: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: () => string;
  body?: (role: Role) => Promise<unknown> | unknown;
  expect: Record<Role, number>;
}

describe('access-control matrix', () => {
  let t: TestApp;
  let f: Factories;
  const tokens = {} as Record<Role, string | null>;
  const ids = {} as Record<'body' | 'meeting' | 'agendaItem' | 'actionItem' | 'communique' | 'lead' | 'supporting', string>;
  const spareGovernments: TestGovernment[] = [];
  let rows: Row[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    const { body, seats } = await f.bodyWith(
      {
        coChair: { level: 'federal', role: 'co_chair' },
        lead: { role: 'member' },
        supporting: { role: 'member' },
        observer: { role: 'observer' },
      },
      { kind: 'working_group' },
    );
    ids.body = body.id;
    ids.lead = seats.lead.government.id;
    ids.supporting = seats.supporting.government.id;
    const outsider = await f.government();
    const city = await f.government({ level: 'municipal' });
    tokens.secretariat = t.adminToken;
    tokens.coChair = seats.coChair.official.token;
    tokens.lead = seats.lead.official.token;
    tokens.supporting = seats.supporting.official.token;
    tokens.observer = seats.observer.official.token;
    tokens.nonMember = (await f.official(outsider.id)).token;
    tokens.municipal = (await f.official(city.id)).token;
    tokens.anonymous = null;
    for (let i = 0; i < ROLES.length; i++) spareGovernments.push(await f.government());

    const meeting = await f.meeting(body.id);
    ids.meeting = meeting.id;
    const agendaItem = await t.http.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { title: 'Housing capacity', purpose: 'discussion', durationMinutes: 30 }, t.adminToken);
    ids.agendaItem = agendaItem.body.id;
    const item = await f.actionItem(body.id, ids.lead, { supportingGovernmentIds: [ids.supporting] });
    ids.actionItem = item.id;
    const communique = await t.http.post('/api/v1/communiques', { bodyId: body.id, titleEn: 'Joint statement', titleFr: 'Déclaration commune', bodyEn: 'Text', bodyFr: 'Texte' }, t.adminToken);
    ids.communique = communique.body.id;

    const currentVersion = async () => (await t.http.get(`/api/v1/action-items/${ids.actionItem}`, t.adminToken)).body.version;
    let spare = 0;
    rows = [
      { route: 'GET /bodies', method: 'GET', path: () => '/api/v1/bodies', expect: SIGNED_IN },
      { route: 'GET /bodies/:id', method: 'GET', path: () => `/api/v1/bodies/${ids.body}`, expect: SIGNED_IN },
      { route: 'GET /bodies/:id/members', method: 'GET', path: () => `/api/v1/bodies/${ids.body}/members`, expect: SIGNED_IN },
      { route: 'PATCH /bodies/:id', method: 'PATCH', path: () => `/api/v1/bodies/${ids.body}`, body: () => ({ mandate: 'Asylum' }), expect: SECRETARIAT_ONLY(200) },
      { route: 'POST /bodies/:id/members', method: 'POST', path: () => `/api/v1/bodies/${ids.body}/members`, body: () => ({ governmentId: spareGovernments[spare++].id, role: 'member' }), expect: SECRETARIAT_ONLY(201) },
      { route: 'GET /bodies/:id/join-requests', method: 'GET', path: () => `/api/v1/bodies/${ids.body}/join-requests`, expect: { ...SECRETARIAT_ONLY(200), coChair: 200 } },
      { route: 'GET /governments', method: 'GET', path: () => '/api/v1/governments', expect: SIGNED_IN },
      { route: 'POST /governments', method: 'POST', path: () => '/api/v1/governments', body: (role) => ({ code: `M${role.slice(0, 3).toUpperCase()}`, nameEn: 'Matrix', nameFr: 'Matrice', level: 'provincial', timeZone: 'America/Halifax' }), expect: SECRETARIAT_ONLY(201) },
      { route: 'GET /users', method: 'GET', path: () => '/api/v1/users', expect: SECRETARIAT_ONLY(200) },
      { route: 'GET /audit', method: 'GET', path: () => '/api/v1/audit', expect: SECRETARIAT_ONLY(200) },
      { route: 'GET /meetings/:id', method: 'GET', path: () => `/api/v1/meetings/${ids.meeting}`, expect: READ_INSIDE },
      { route: 'PATCH /meetings/:id', method: 'PATCH', path: () => `/api/v1/meetings/${ids.meeting}`, body: () => ({ location: 'Ottawa' }), expect: WRITE_INSIDE(200) },
      { route: 'GET /meetings/:id/agenda-items', method: 'GET', path: () => `/api/v1/meetings/${ids.meeting}/agenda-items`, expect: READ_INSIDE },
      { route: 'POST /meetings/:id/agenda-items', method: 'POST', path: () => `/api/v1/meetings/${ids.meeting}/agenda-items`, body: () => ({ title: 'Item', purpose: 'information', durationMinutes: 5 }), expect: WRITE_INSIDE(201) },
      { route: 'PATCH /meetings/:id/agenda-items/:itemId', method: 'PATCH', path: () => `/api/v1/meetings/${ids.meeting}/agenda-items/${ids.agendaItem}`, body: () => ({ durationMinutes: 25 }), expect: WRITE_INSIDE(200) },
      { route: 'GET /meetings/:id/calendar.ics', method: 'GET', path: () => `/api/v1/meetings/${ids.meeting}/calendar.ics`, expect: READ_INSIDE },
      { route: 'GET /action-items/:id', method: 'GET', path: () => `/api/v1/action-items/${ids.actionItem}`, expect: READ_INSIDE },
      { route: 'GET /action-items/:id/updates', method: 'GET', path: () => `/api/v1/action-items/${ids.actionItem}/updates`, expect: READ_INSIDE },
      {
        route: 'PATCH /action-items/:id',
        method: 'PATCH',
        path: () => `/api/v1/action-items/${ids.actionItem}`,
        body: async () => ({ version: await currentVersion(), description: 'Updated' }),
        expect: { secretariat: 200, coChair: 403, lead: 200, supporting: 403, observer: 403, nonMember: 404, municipal: 404, anonymous: 401 },
      },
      {
        route: 'POST /action-items/:id/updates',
        method: 'POST',
        path: () => `/api/v1/action-items/${ids.actionItem}/updates`,
        body: () => ({ note: 'Progress report' }),
        expect: { secretariat: 201, coChair: 403, lead: 201, supporting: 403, observer: 403, nonMember: 404, municipal: 404, anonymous: 401 },
      },
      { route: 'POST /action-items', method: 'POST', path: () => '/api/v1/action-items', body: () => ({ bodyId: ids.body, leadGovernmentId: ids.lead, title: 'New', dueOn: '2031-01-31' }), expect: WRITE_INSIDE(201) },
      { route: 'GET /bodies/:id/accountability', method: 'GET', path: () => `/api/v1/bodies/${ids.body}/accountability`, expect: READ_INSIDE },
      { route: 'GET /communiques/:id', method: 'GET', path: () => `/api/v1/communiques/${ids.communique}`, expect: READ_INSIDE },
      { route: 'GET /communiques/:id/revisions', method: 'GET', path: () => `/api/v1/communiques/${ids.communique}/revisions`, expect: READ_INSIDE },
      { route: 'PATCH /communiques/:id', method: 'PATCH', path: () => `/api/v1/communiques/${ids.communique}`, body: (role) => ({ bodyEn: `Text edited (${role})` }), expect: WRITE_INSIDE(200) },
      { route: 'POST /communiques/:id/publish', method: 'POST', path: () => `/api/v1/communiques/${ids.communique}/publish`, body: () => ({}), expect: WRITE_INSIDE(409) },
      { route: 'GET /public/communiques/:id (draft)', method: 'GET', path: () => `/api/v1/public/communiques/${ids.communique}`, expect: { ...ANYONE, ...Object.fromEntries(ROLES.map((r) => [r, 404])) } as Record<Role, number> },
      { route: 'GET /public/communiques', method: 'GET', path: () => '/api/v1/public/communiques', expect: ANYONE },
      { route: 'GET /notifications', method: 'GET', path: () => '/api/v1/notifications', expect: { ...SIGNED_IN } },
      { route: 'GET /api-tokens', method: 'GET', path: () => '/api/v1/api-tokens', expect: SECRETARIAT_ONLY(200) },
      { route: 'POST /api-tokens', method: 'POST', path: () => '/api/v1/api-tokens', body: () => ({ name: 'matrix', scopes: ['read'] }), expect: SECRETARIAT_ONLY(201) },
      { route: 'GET /webhooks', method: 'GET', path: () => '/api/v1/webhooks', expect: SECRETARIAT_ONLY(200) },
      { route: 'POST /webhooks (private address)', method: 'POST', path: () => '/api/v1/webhooks', body: () => ({ url: 'https://10.0.0.1/x', events: ['meeting.created'] }), expect: SECRETARIAT_ONLY(400) },
      { route: 'GET /auth/oidc/providers', method: 'GET', path: () => '/api/v1/auth/oidc/providers', expect: ANYONE },
    ];
  }, 120_000);
  afterAll(() => t?.close());

  it('gives every role the status written in the table, on every route', async () => {
    const failures: string[] = [];
    for (const row of rows) {
      for (const role of ROLES) {
        const body = row.body ? await row.body(role) : undefined;
        const res = await t.http.request(row.method, row.path(), { token: tokens[role], body });
        if (res.status !== row.expect[role]) failures.push(`${row.route} as ${role}: expected ${row.expect[role]}, got ${res.status} ${res.text.slice(0, 120)}`);
        if (res.status === 404 || res.status === 403) {
          // A refusal carries the error body and nothing of the object.
          expect(res.body).toEqual(expect.objectContaining({ statusCode: res.status, message: expect.anything() }));
          expect(res.text).not.toContain('Joint statement');
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('keeps a body’s contents out of strangers’ lists', async () => {
    for (const role of ['nonMember', 'municipal'] as Role[]) {
      const meetings = await t.http.get('/api/v1/meetings?limit=200', tokens[role]);
      const items = await t.http.get('/api/v1/action-items?limit=200', tokens[role]);
      const communiques = await t.http.get('/api/v1/communiques?limit=200', tokens[role]);
      for (const res of [meetings, items, communiques]) {
        expect(res.status).toBe(200);
        expect(res.text).not.toContain(ids.body);
      }
      expect((await t.http.get(`/api/v1/action-items?bodyId=${ids.body}`, tokens[role])).status).toBe(404);
    }
    const asObserver = await t.http.get(`/api/v1/meetings?bodyId=${ids.body}`, tokens.observer);
    expect(asObserver.body.items.map((m: { id: string }) => m.id)).toContain(ids.meeting);
  });
});
