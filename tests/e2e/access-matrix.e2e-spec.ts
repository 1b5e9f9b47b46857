import { randomUUID } from 'node:crypto';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { MembershipRole, Permission } from '@forum/contracts';
import { type Holder, PERMISSION_GRANTS } from '@forum/core';
import { type DeclaredRoute, declaredRoutes } from '@forum/identity';
import { startTestApp, TestApp } from '../support/test-app';
import { Factories, TestGovernment } from '../support/factories';

/**
 * The access-control matrix: for every route and every role, the status the permission table
 * (`PERMISSION_GRANTS`) implies for the permission the route declares, checked over HTTP. Cross-government
 * access gives 404 or 403, never data; the table and the routes cannot drift apart.
 */
type Role = 'secretariat' | 'coChair' | 'lead' | 'supporting' | 'observer' | 'nonMember' | 'municipal' | 'anonymous';
const ROLES: Role[] = ['secretariat', 'coChair', 'lead', 'supporting', 'observer', 'nonMember', 'municipal', 'anonymous'];

/** where each test role stands in the fixture body (written here, independently of the guard's code) */
const SEAT: Record<Exclude<Role, 'secretariat' | 'anonymous'>, { seat: MembershipRole | null; lead?: boolean }> = {
  coChair: { seat: 'co_chair' },
  lead: { seat: 'member', lead: true },
  supporting: { seat: 'member' },
  observer: { seat: 'observer' },
  nonMember: { seat: null },
  municipal: { seat: null },
};
const HOLDS: Record<MembershipRole, Holder[]> = {
  member: ['official', 'member'],
  co_chair: ['official', 'member', 'co_chair'],
  observer: ['official', 'observer'],
};

type Outcome = 'allowed' | 401 | 403 | 404;

/** What the table says `role` gets on a route declaring `route.permission` (and addressing a thing in the fixture body, or not). */
function outcomeFromTable(route: DeclaredRoute, role: Role, addressesThingInBody: boolean): Outcome {
  if (route.isPublic) return 'allowed';
  if (role === 'anonymous') return 401;
  const grant = PERMISSION_GRANTS[route.permission as Permission];
  if (role === 'secretariat') return grant.holders.includes('secretariat') ? 'allowed' : 403;
  const { seat, lead } = SEAT[role];
  if (!addressesThingInBody) return grant.holders.some((h) => h !== 'secretariat') ? 'allowed' : 403;
  if ((grant.visibility ?? 'members') === 'members' && !seat) return 404;
  const holds = new Set<Holder>(seat ? [...HOLDS[seat], ...(lead ? (['lead'] as Holder[]) : [])] : ['official']);
  return grant.holders.some((h) => holds.has(h)) ? 'allowed' : 403;
}

const ANYONE = { secretariat: 200, coChair: 200, lead: 200, supporting: 200, observer: 200, nonMember: 200, municipal: 200, anonymous: 200 };

/** a route exercised with a real request; `ok` is the status of a caller the table lets through */
interface Row {
  route: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: () => string;
  body?: (role: Role) => Promise<unknown> | unknown;
  ok: number | Partial<Record<Role, number>>;
  /** for the public routes only, whose statuses are not the table's */
  expect?: Record<Role, number>;
}

describe('access-control matrix', () => {
  let t: TestApp;
  let f: Factories;
  const tokens = {} as Record<Role, string | null>;
  const ids = {} as Record<
    'body' | 'meeting' | 'agendaItem' | 'paper' | 'actionItem' | 'communique' | 'lead' | 'supporting' | 'indicator' | 'fundingProgram' | 'fundingClaim',
    string
  >;
  const spareGovernments: TestGovernment[] = [];
  let rows: Row[] = [];
  let routes: DeclaredRoute[] = [];
  const declared = (route: string): DeclaredRoute => {
    const [method, path] = route.split(' ');
    const found = routes.find((r) => r.method === method && r.path === path.replace(/ \(.*\)$/, ''));
    if (!found) throw new Error(`No route ${route}`);
    return found;
  };

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
    const agendaItem = await t.http.post(
      `/api/v1/meetings/${meeting.id}/agenda-items`,
      { title: 'Housing capacity', purpose: 'discussion', durationMinutes: 30 },
      t.adminToken,
    );
    ids.agendaItem = agendaItem.body.id;
    const paper = await t.http.post(
      `/api/v1/meetings/${meeting.id}/agenda-items/${ids.agendaItem}/papers`,
      { title: 'Briefing note', url: 'https://example.org/note.pdf' },
      t.adminToken,
    );
    ids.paper = paper.body.id;
    const item = await f.actionItem(body.id, ids.lead, { supportingGovernmentIds: [ids.supporting] });
    ids.actionItem = item.id;
    const communique = await t.http.post(
      '/api/v1/communiques',
      { bodyId: body.id, titleEn: 'Joint statement', titleFr: 'Déclaration commune', bodyEn: 'Text', bodyFr: 'Texte' },
      t.adminToken,
    );
    ids.communique = communique.body.id;
    const indicator = await t.http.post('/api/v1/indicators', { bodyId: body.id, code: 'matrix', name: 'Matrix figures', unit: 'people' }, t.adminToken);
    ids.indicator = indicator.body.id;
    const program = await t.http.post(
      '/api/v1/funding-programs',
      { bodyId: body.id, name: 'Matrix program', fundingGovernmentId: ids.lead, eligibleFrom: '2020-04-01', eligibleTo: '2030-03-31' },
      t.adminToken,
    );
    ids.fundingProgram = program.body.id;
    const claim = await t.http.post(
      `/api/v1/funding-programs/${program.body.id}/claims`,
      {
        claimantGovernmentId: ids.supporting,
        periodFrom: '2021-01-01',
        periodTo: '2021-03-31',
        requestedCents: 100_00,
        description: 'Matrix claim',
        evidenceDocumentIds: [],
      },
      t.adminToken,
    );
    ids.fundingClaim = claim.body.id;

    routes = declaredRoutes(t.app.get(DiscoveryService, { strict: false }), new MetadataScanner(), new Reflector());
    const currentVersion = async () => (await t.http.get(`/api/v1/action-items/${ids.actionItem}`, t.adminToken)).body.version;
    let spare = 0;
    rows = [
      { route: 'GET /bodies', method: 'GET', path: () => '/api/v1/bodies', ok: 200 },
      { route: 'GET /bodies/:id', method: 'GET', path: () => `/api/v1/bodies/${ids.body}`, ok: 200 },
      { route: 'GET /bodies/:id/members', method: 'GET', path: () => `/api/v1/bodies/${ids.body}/members`, ok: 200 },
      { route: 'PATCH /bodies/:id', method: 'PATCH', path: () => `/api/v1/bodies/${ids.body}`, body: () => ({ mandate: 'Asylum' }), ok: 200 },
      {
        route: 'POST /bodies/:id/members',
        method: 'POST',
        path: () => `/api/v1/bodies/${ids.body}/members`,
        body: () => ({ governmentId: spareGovernments[spare++].id, role: 'member' }),
        ok: 201,
      },
      { route: 'GET /bodies/:id/join-requests', method: 'GET', path: () => `/api/v1/bodies/${ids.body}/join-requests`, ok: 200 },
      { route: 'GET /accountability', method: 'GET', path: () => '/api/v1/accountability', ok: 200 },
      { route: 'GET /join-requests/to-decide', method: 'GET', path: () => '/api/v1/join-requests/to-decide', ok: 200 },
      { route: 'GET /governments', method: 'GET', path: () => '/api/v1/governments', ok: 200 },
      {
        route: 'POST /governments',
        method: 'POST',
        path: () => '/api/v1/governments',
        body: (role) => ({ code: `M${role.slice(0, 3).toUpperCase()}`, nameEn: 'Matrix', nameFr: 'Matrice', level: 'provincial', timeZone: 'America/Halifax' }),
        ok: 201,
      },
      { route: 'GET /users', method: 'GET', path: () => '/api/v1/users', ok: 200 },
      { route: 'GET /audit', method: 'GET', path: () => '/api/v1/audit', ok: 200 },
      { route: 'GET /translations', method: 'GET', path: () => '/api/v1/translations?status=pending', ok: 200 },
      { route: 'POST /text/preview', method: 'POST', path: () => '/api/v1/text/preview', body: () => ({ markdown: 'Ministers met **weekly**.' }), ok: 200 },
      { route: 'GET /meetings/:id', method: 'GET', path: () => `/api/v1/meetings/${ids.meeting}`, ok: 200 },
      { route: 'PATCH /meetings/:id', method: 'PATCH', path: () => `/api/v1/meetings/${ids.meeting}`, body: () => ({ location: 'Ottawa' }), ok: 200 },
      { route: 'GET /meetings/:id/agenda-items', method: 'GET', path: () => `/api/v1/meetings/${ids.meeting}/agenda-items`, ok: 200 },
      {
        route: 'POST /meetings/:id/agenda-items',
        method: 'POST',
        path: () => `/api/v1/meetings/${ids.meeting}/agenda-items`,
        body: () => ({ title: 'Item', purpose: 'information', durationMinutes: 5 }),
        ok: 201,
      },
      {
        route: 'PATCH /meetings/:id/agenda-items/:itemId',
        method: 'PATCH',
        path: () => `/api/v1/meetings/${ids.meeting}/agenda-items/${ids.agendaItem}`,
        body: () => ({ durationMinutes: 25 }),
        ok: 200,
      },
      // the secretariat goes first and removes the paper; everyone after it is refused before the paper is looked up
      {
        route: 'DELETE /meetings/:id/agenda-items/:itemId/papers/:paperId',
        method: 'DELETE',
        path: () => `/api/v1/meetings/${ids.meeting}/agenda-items/${ids.agendaItem}/papers/${ids.paper}`,
        ok: 200,
      },
      { route: 'GET /meetings/:id/calendar.ics', method: 'GET', path: () => `/api/v1/meetings/${ids.meeting}/calendar.ics`, ok: 200 },
      { route: 'GET /action-items/:id', method: 'GET', path: () => `/api/v1/action-items/${ids.actionItem}`, ok: 200 },
      { route: 'GET /action-items/:id/updates', method: 'GET', path: () => `/api/v1/action-items/${ids.actionItem}/updates`, ok: 200 },
      {
        route: 'PATCH /action-items/:id',
        method: 'PATCH',
        path: () => `/api/v1/action-items/${ids.actionItem}`,
        body: async () => ({ version: await currentVersion(), description: 'Updated' }),
        ok: 200,
      },
      {
        route: 'POST /action-items/:id/updates',
        method: 'POST',
        path: () => `/api/v1/action-items/${ids.actionItem}/updates`,
        body: () => ({ note: 'Progress report' }),
        ok: 201,
      },
      {
        route: 'POST /action-items',
        method: 'POST',
        path: () => '/api/v1/action-items',
        body: () => ({ bodyId: ids.body, leadGovernmentId: ids.lead, title: 'New', dueOn: '2031-01-31' }),
        ok: 201,
      },
      { route: 'GET /bodies/:id/accountability', method: 'GET', path: () => `/api/v1/bodies/${ids.body}/accountability`, ok: 200 },
      { route: 'GET /communiques/:id', method: 'GET', path: () => `/api/v1/communiques/${ids.communique}`, ok: 200 },
      { route: 'GET /communiques/:id/revisions', method: 'GET', path: () => `/api/v1/communiques/${ids.communique}/revisions`, ok: 200 },
      {
        route: 'PATCH /communiques/:id',
        method: 'PATCH',
        path: () => `/api/v1/communiques/${ids.communique}`,
        body: (role) => ({ bodyEn: `Text edited (${role})` }),
        ok: 200,
      },
      { route: 'POST /communiques/:id/publish', method: 'POST', path: () => `/api/v1/communiques/${ids.communique}/publish`, body: () => ({}), ok: 409 },
      {
        route: 'GET /public/communiques/:id (draft)',
        method: 'GET',
        path: () => `/api/v1/public/communiques/${ids.communique}`,
        ok: 404,
        expect: { ...ANYONE, ...Object.fromEntries(ROLES.map((r) => [r, 404])) } as Record<Role, number>,
      },
      { route: 'GET /public/communiques', method: 'GET', path: () => '/api/v1/public/communiques', ok: 200, expect: ANYONE },
      { route: 'GET /notifications', method: 'GET', path: () => '/api/v1/notifications', ok: 200 },
      { route: 'GET /api-tokens', method: 'GET', path: () => '/api/v1/api-tokens', ok: 200 },
      { route: 'POST /api-tokens', method: 'POST', path: () => '/api/v1/api-tokens', body: () => ({ name: 'matrix', scopes: ['read'] }), ok: 201 },
      { route: 'GET /webhooks', method: 'GET', path: () => '/api/v1/webhooks', ok: 200 },
      {
        route: 'POST /webhooks (private address)',
        method: 'POST',
        path: () => '/api/v1/webhooks',
        body: () => ({ url: 'https://10.0.0.1/x', events: ['meeting.created'] }),
        ok: 400,
      },
      { route: 'GET /auth/oidc/providers', method: 'GET', path: () => '/api/v1/auth/oidc/providers', ok: 200, expect: ANYONE },
    ];
  }, 120_000);
  afterAll(() => t?.close());

  it('gives every role the status the permission table implies, on every route', async () => {
    const failures: string[] = [];
    for (const row of rows) {
      const route = declared(row.route);
      // every row addresses something of the fixture body through its path or its body
      const expected = (role: Role): number => {
        if (row.expect) return row.expect[role];
        const outcome = outcomeFromTable(route, role, !!route.target);
        return outcome === 'allowed' ? (typeof row.ok === 'number' ? row.ok : (row.ok[role] ?? 200)) : outcome;
      };
      for (const role of ROLES) {
        const body = row.body ? await row.body(role) : undefined;
        const res = await t.http.request(row.method, row.path(), { token: tokens[role], body });
        if (res.status !== expected(role))
          failures.push(`${row.route} (${route.permission}) as ${role}: expected ${expected(role)}, got ${res.status} ${res.text.slice(0, 120)}`);
        if (res.status === 404 || res.status === 403) {
          // A refusal carries the error body and nothing of the object.
          expect(res.body).toEqual(expect.objectContaining({ statusCode: res.status, message: expect.anything() }));
          expect(res.text).not.toContain('Joint statement');
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('declares a permission the table knows on every route that is not public', () => {
    expect(routes.length).toBeGreaterThan(80);
    const unknown = routes.filter((r) => !r.isPublic && !(r.permission && PERMISSION_GRANTS[r.permission]));
    expect(unknown.map((r) => r.handler)).toEqual([]);
  });

  /**
   * Every route × every role with a body no route accepts: authorization answers before validation, so a caller
   * the table refuses gets its 403 or 404 whatever the body holds, a stranger to the body gets the same 404 on
   * every route that addresses something in it, and a caller the table lets through reaches validation (400)
   * or the service, never a 401 or 403.
   */
  it('refuses, before validation, every caller the table refuses, on every route', async () => {
    const param = (path: string, name: string): string => {
      if (name === 'itemId') return ids.agendaItem;
      if (name !== 'id') return randomUUID();
      if (path.startsWith('/meetings/')) return ids.meeting;
      if (path.startsWith('/action-items/')) return ids.actionItem;
      if (path.startsWith('/communiques/')) return ids.communique;
      if (path.startsWith('/indicators/')) return ids.indicator;
      if (path.startsWith('/funding-programs/')) return ids.fundingProgram;
      if (path.startsWith('/funding-claims/')) return ids.fundingClaim;
      if (path.startsWith('/bodies/')) return ids.body;
      if (path.startsWith('/governments/')) return ids.lead;
      return randomUUID();
    };
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes.filter((r) => !r.isPublic)) {
      const path = '/api/v1' + route.path.replace(/:(\w+)/g, (_, name: string) => param(route.path, name));
      const url = route.method === 'GET' ? `${path}?bodyId=${ids.body}` : path;
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : { bodyId: ids.body, notAField: 'refused by validation' };
      // the secretariat last: its requests are the only ones that may get as far as a service
      for (const role of [...ROLES.filter((r) => r !== 'secretariat'), 'secretariat' as Role]) {
        if (route.method === 'DELETE' && role === 'secretariat') continue;
        const expected = outcomeFromTable(route, role, !!route.target);
        const res = await t.http.request(route.method, url, { token: tokens[role], body });
        checked++;
        const ok = expected === 'allowed' ? ![401, 403].includes(res.status) && res.status < 500 : res.status === expected;
        if (!ok)
          failures.push(`${route.method} ${route.path} (${route.permission}) as ${role}: expected ${expected}, got ${res.status} ${res.text.slice(0, 100)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  }, 180_000);

  it('answers 403 to an official’s invalid body on a secretariat route, and 404 to a stranger’s, whatever the body holds', async () => {
    for (const body of [{}, { bodyId: ids.body, title: 42, unknownField: true }]) {
      expect((await t.http.post('/api/v1/meetings', body, tokens.lead)).status).toBe(403);
      expect((await t.http.patch(`/api/v1/meetings/${ids.meeting}`, body, tokens.lead)).status).toBe(403);
      expect((await t.http.patch(`/api/v1/meetings/${ids.meeting}`, body, tokens.nonMember)).status).toBe(404);
      expect((await t.http.post('/api/v1/governments', body, tokens.lead)).status).toBe(403);
    }
    const strangersWrite = await t.http.post('/api/v1/communiques', { bodyId: ids.body, titleEn: 1 }, tokens.nonMember);
    expect(strangersWrite.status).toBe(404);
    expect(strangersWrite.body.reason).toBe('not_found');
    // the secretariat, who may act, reaches validation and is told which field is wrong
    const bad = await t.http.patch(`/api/v1/meetings/${ids.meeting}`, { title: 42, unknownField: true }, tokens.secretariat);
    expect(bad.status).toBe(400);
  });

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
