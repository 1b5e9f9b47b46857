import fc from 'fast-check';
import { startTestApp, TestApp } from '../support/test-app';
import { Factories } from '../support/factories';

/**
 * Property: whatever a client sends to a write route (wrong types, huge or odd strings, nested junk,
 * unknown fields, broken ids), the answer is a 4xx in the contract's error format — never a 500 — and a
 * refused request writes nothing.
 */
const hostileValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(-1),
  fc.constant(Number.MAX_SAFE_INTEGER),
  fc.string({ maxLength: 20 }),
  fc.constant('x'.repeat(100_000)),
  fc.constant('<script>alert(1)</script>'),
  fc.constant("'; DROP TABLE body; --"),
  fc.constant('\u0000\uFFFF\uD800'),
  fc.constant('00000000-0000-0000-0000-000000000000'),
  fc.constant('2026-02-30T25:61:00Z'),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  // deep nesting
  fc.constant(JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200))),
  fc.constant([[[[[[[[[[[]]]]]]]]]]]),
  // prototype pollution attempts, as a JSON parser would hand them over
  fc.constant(JSON.parse('{"__proto__":{"role":"secretariat","isAdmin":true}}')),
  fc.constant(JSON.parse('{"constructor":{"prototype":{"polluted":true}}}')),
  // unicode edge cases
  fc.constant('‮evil‬'),
  fc.constant('👩🏽‍⚖️'.repeat(50)),
  fc.constant('é'),
  fc.fullUnicodeString({ maxLength: 30 }),
  // dates out of range or malformed
  fc.constant('275760-09-14T00:00:00Z'),
  fc.constant('0000-01-01'),
  fc.constant('-000001-01-01T00:00:00Z'),
  fc.constant('2026-13-01'),
  fc.constant(1e308),
  fc.constant(-0),
);

/** Whole bodies whose top-level keys try to reach Object.prototype. */
const pollutingBody = fc.constantFrom(
  '{"__proto__":{"role":"secretariat"}}',
  '{"constructor":{"prototype":{"role":"secretariat"}}}',
  '{"name":"x","kind":"table","permanent":true,"__proto__":{"polluted":"yes"}}',
);

interface WriteRoute {
  name: string;
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: () => string;
  valid: () => Record<string, unknown>;
  /** a count of rows the route would add or change, to prove a refusal writes nothing */
  rows?: string;
}

describe('hostile input on every write route', () => {
  let t: TestApp;
  let f: Factories;
  let bodyId: string;
  let governmentId: string;
  let meetingId: string;
  /** a meeting that has started: attendance, minutes and decisions are for those */
  let heldId: string;
  let heldItemId: string;
  let agendaItemId: string;
  let actionItemId: string;
  let communiqueId: string;
  let decisionId: string;
  const routes: WriteRoute[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factories(t);
    const body = await f.body({ kind: 'table' });
    bodyId = body.id;
    const gov = await f.government();
    governmentId = gov.id;
    await f.member(bodyId, governmentId, 'member', '2025-01-01T00:00:00Z');
    meetingId = (await f.meeting(bodyId)).id;
    agendaItemId = (
      await t.http.post(`/api/v1/meetings/${meetingId}/agenda-items`, { title: 'Housing', purpose: 'decision', durationMinutes: 20 }, t.adminToken)
    ).body.id;
    heldId = (await f.meeting(bodyId, { startsAt: '2026-01-13T16:00:00Z', endsAt: '2026-01-13T18:00:00Z' })).id;
    heldItemId = (await t.http.post(`/api/v1/meetings/${heldId}/agenda-items`, { title: 'Housing', purpose: 'decision', durationMinutes: 20 }, t.adminToken))
      .body.id;
    decisionId = (await t.http.post(`/api/v1/meetings/${heldId}/decisions`, { text: 'Agreed', agendaItemId: heldItemId }, t.adminToken)).body.id;
    actionItemId = (await f.actionItem(bodyId, governmentId)).id;
    communiqueId = (await t.http.post('/api/v1/communiques', { bodyId, titleEn: 'T', titleFr: 'T', bodyEn: 'B', bodyFr: 'B' }, t.adminToken)).body.id;
    routes.push(
      { name: 'login', method: 'POST', path: () => '/api/v1/auth/login', valid: () => ({ email: 'a@b.c', password: 'x' }) },
      {
        name: 'create government',
        method: 'POST',
        path: () => '/api/v1/governments',
        valid: () => ({ code: 'ZZ', nameEn: 'Zed', nameFr: 'Zède', level: 'provincial', timeZone: 'America/Toronto' }),
        rows: 'government',
      },
      {
        name: 'create user',
        method: 'POST',
        path: () => '/api/v1/users',
        valid: () => ({ email: 'z@forum.test', displayName: 'Z', password: 'long enough password', role: 'official', governmentId }),
        rows: 'user_account',
      },
      { name: 'create body', method: 'POST', path: () => '/api/v1/bodies', valid: () => ({ name: 'Zed group', kind: 'table', permanent: true }), rows: 'body' },
      { name: 'update body', method: 'PATCH', path: () => `/api/v1/bodies/${bodyId}`, valid: () => ({ mandate: 'Zed' }) },
      {
        name: 'add member',
        method: 'POST',
        path: () => `/api/v1/bodies/${bodyId}/members`,
        valid: () => ({ governmentId, role: 'observer' }),
        rows: 'membership',
      },
      {
        name: 'join request decision',
        method: 'POST',
        path: () => `/api/v1/bodies/${bodyId}/join-requests/00000000-0000-4000-8000-000000000000/decision`,
        valid: () => ({ approve: true, reason: 'ok' }),
      },
      {
        name: 'create meeting',
        method: 'POST',
        path: () => '/api/v1/meetings',
        valid: () => ({
          bodyId,
          title: 'M',
          startsAt: '2031-03-11T16:00:00Z',
          endsAt: '2031-03-11T17:00:00Z',
          location: 'Ottawa',
          videoUrl: 'https://video.example/1',
        }),
        rows: 'meeting',
      },
      {
        name: 'update meeting',
        method: 'PATCH',
        path: () => `/api/v1/meetings/${meetingId}`,
        valid: () => ({ title: 'M2', startsAt: '2031-03-11T16:00:00Z', endsAt: '2031-03-11T17:30:00Z', reason: 'moved' }),
      },
      {
        name: 'add agenda item',
        method: 'POST',
        path: () => `/api/v1/meetings/${meetingId}/agenda-items`,
        valid: () => ({ title: 'Item', purpose: 'information', durationMinutes: 10, presenterGovernmentId: governmentId, position: 1 }),
        rows: 'agenda_item',
      },
      {
        name: 'update agenda item',
        method: 'PATCH',
        path: () => `/api/v1/meetings/${meetingId}/agenda-items/${agendaItemId}`,
        valid: () => ({ title: 'Item 2', durationMinutes: 15, position: 1 }),
      },
      { name: 'record attendance', method: 'PUT', path: () => `/api/v1/meetings/${heldId}/attendance/${governmentId}`, valid: () => ({ status: 'present' }) },
      { name: 'minutes', method: 'PUT', path: () => `/api/v1/meetings/${heldId}/minutes`, valid: () => ({ text: 'Minutes' }) },
      {
        name: 'record decision',
        method: 'POST',
        path: () => `/api/v1/meetings/${heldId}/decisions`,
        valid: () => ({ text: 'Decided', agendaItemId: heldItemId }),
        rows: 'meeting_decision',
      },
      { name: 'circulate minutes', method: 'POST', path: () => `/api/v1/meetings/${heldId}/minutes/circulate`, valid: () => ({ translationToFollow: true }) },
      { name: 'comment on minutes', method: 'POST', path: () => `/api/v1/meetings/${heldId}/minutes/comments`, valid: () => ({ comment: 'A comment' }) },
      { name: 'adopt minutes', method: 'POST', path: () => `/api/v1/meetings/${heldId}/minutes/adopt`, valid: () => ({ atMeetingId: meetingId }) },
      {
        name: 'record position',
        method: 'PUT',
        path: () => `/api/v1/meetings/${heldId}/decisions/${decisionId}/positions/${governmentId}`,
        valid: () => ({ position: 'agree', comment: 'Fine' }),
        rows: 'decision_position',
      },
      { name: 'change member role', method: 'PATCH', path: () => `/api/v1/bodies/${bodyId}/members/${governmentId}`, valid: () => ({ role: 'member' }) },
      {
        name: 'decision to action item',
        method: 'POST',
        path: () => `/api/v1/meetings/${heldId}/decisions/${decisionId}/action-items`,
        valid: () => ({ title: 'Do it', leadGovernmentId: governmentId, dueOn: '2031-06-30' }),
        rows: 'action_item',
      },
      {
        name: 'create action item',
        method: 'POST',
        path: () => '/api/v1/action-items',
        valid: () => ({
          bodyId,
          title: 'A',
          leadGovernmentId: governmentId,
          dueOn: '2031-06-30',
          progress: 0,
          estimatedCostCents: 100,
          costShares: [{ governmentId, basisPoints: 10000 }],
        }),
        rows: 'action_item',
      },
      {
        name: 'update action item',
        method: 'PATCH',
        path: () => `/api/v1/action-items/${actionItemId}`,
        valid: () => ({ version: 1, progress: 10, status: 'in_progress' }),
      },
      {
        name: 'report progress',
        method: 'POST',
        path: () => `/api/v1/action-items/${actionItemId}/updates`,
        valid: () => ({ note: 'Going well', progress: 20 }),
        rows: 'action_item_update',
      },
      {
        name: 'create communique',
        method: 'POST',
        path: () => '/api/v1/communiques',
        valid: () => ({ bodyId, titleEn: 'T', titleFr: 'T', bodyEn: 'B', bodyFr: 'B' }),
        rows: 'communique',
      },
      {
        name: 'edit communique',
        method: 'PATCH',
        path: () => `/api/v1/communiques/${communiqueId}`,
        valid: () => ({ titleEn: 'T2', bodyFr: 'B2' }),
        rows: 'communique_revision',
      },
      {
        name: 'concur',
        method: 'POST',
        path: () => `/api/v1/communiques/${communiqueId}/concurrences`,
        valid: () => ({ revision: 1 }),
        rows: 'communique_concurrence',
      },
      { name: 'correct', method: 'POST', path: () => `/api/v1/communiques/${communiqueId}/corrections`, valid: () => ({ bodyEn: 'B3', noteEn: 'Corrected' }) },
      { name: 'publish', method: 'POST', path: () => `/api/v1/communiques/${communiqueId}/publish`, valid: () => ({ embargoUntil: '2031-01-01T00:00:00Z' }) },
      { name: 'notification preferences', method: 'PUT', path: () => '/api/v1/notifications/preferences', valid: () => ({ meetings: 'immediately' }) },
      { name: 'calendar feed', method: 'POST', path: () => '/api/v1/calendar-feeds', valid: () => ({ label: 'Outlook' }) },
      { name: 'password reset', method: 'POST', path: () => '/api/v1/auth/password-reset', valid: () => ({ email: 'someone@forum.test' }) },
      {
        name: 'invitation',
        method: 'POST',
        path: () => '/api/v1/users/invitations',
        valid: () => ({ email: 'invitee@forum.test', displayName: 'Invitee', role: 'official', governmentId }),
        rows: 'user_account',
      },
      {
        name: 'create service token',
        method: 'POST',
        path: () => '/api/v1/api-tokens',
        valid: () => ({ name: 'Portal', scopes: ['read', 'action-items:write'], governmentId, expiresAt: '2031-01-01T00:00:00Z' }),
        rows: 'api_token',
      },
      {
        name: 'create webhook',
        method: 'POST',
        path: () => '/api/v1/webhooks',
        valid: () => ({ url: 'https://8.8.8.8/hook', events: ['action-item.updated'], bodyId }),
        rows: 'webhook',
      },
      {
        name: 'identity provider',
        method: 'PUT',
        path: () => `/api/v1/governments/${governmentId}/identity-provider`,
        valid: () => ({ issuer: 'https://8.8.8.8', clientId: 'c', clientSecret: 's', emailDomains: ['ontario.ca'], passwordLogin: true }),
      },
      { name: 'second step', method: 'POST', path: () => '/api/v1/auth/mfa/login', valid: () => ({ mfaToken: 'not-a-token', code: '123456' }) },
      { name: 'mfa verify', method: 'POST', path: () => '/api/v1/auth/mfa/verify', valid: () => ({ code: '123456' }) },
    );
  });
  afterAll(() => t?.close());

  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('never answers 500 and never writes on refusal', async () => {
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.record({ field: fc.constantFrom(...Object.keys(route.valid()), 'unexpected'), value: hostileValue, drop: fc.boolean() }),
          async ({ field, value, drop }) => {
            const body = route.valid();
            if (drop && field !== 'unexpected') delete body[field];
            else body[field] = value;
            const before = route.rows ? await count(route.rows) : 0;
            const res = await t.http.request(route.method, route.path(), { body, token: t.adminToken });
            expect({ route: route.name, status: res.status < 500 }).toEqual({ route: route.name, status: true });
            if (res.status >= 400) {
              expect(res.body).toEqual(expect.objectContaining({ statusCode: res.status, error: expect.any(String), message: expect.anything() }));
              if (route.rows) expect(await count(route.rows)).toBe(before);
            }
          },
        ),
        { numRuns: 25, seed: 20261124 },
      );
    }
  }, 240_000);

  it('refuses prototype-pollution keys on every write route and leaves Object.prototype untouched', async () => {
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(pollutingBody, async (raw) => {
          const res = await t.http.request(route.method, route.path(), { body: raw, headers: { 'content-type': 'application/json' }, token: t.adminToken });
          expect({ route: route.name, status: res.status < 500 }).toEqual({ route: route.name, status: true });
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(({} as Record<string, unknown>).role).toBeUndefined();
        }),
        { numRuns: 3 },
      );
    }
  }, 120_000);

  it('answers a body over the size limit with 413 and writes nothing', async () => {
    const before = await count('body');
    const res = await t.http.request('POST', '/api/v1/bodies', {
      body: JSON.stringify({ name: 'Too big', kind: 'table', permanent: true, mandate: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
      token: t.adminToken,
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    expect(await count('body')).toBe(before);
  });

  it('answers non-JSON bodies, wrong content types and oversized payloads with 4xx', async () => {
    const cases = [
      { body: 'not json', headers: { 'content-type': 'application/json' } },
      { body: '<xml/>', headers: { 'content-type': 'application/xml' } },
      { body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } },
      { body: '[1,2,3]', headers: { 'content-type': 'application/json' } },
    ];
    for (const c of cases) {
      const res = await t.http.request('POST', '/api/v1/bodies', { ...c, token: t.adminToken });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });
});
