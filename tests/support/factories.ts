import { randomBytes } from 'node:crypto';
import type { GovernmentLevel, MembershipRole } from '@forum/contracts';
import { OFFICIAL_PASSWORD, TestApp } from './test-app';

const unique = () => randomBytes(3).toString('hex').toUpperCase();

export interface TestGovernment {
  id: string;
  code: string;
  nameEn: string;
  level: GovernmentLevel;
  timeZone: string;
}
export interface TestOfficial {
  id: string;
  email: string;
  token: string;
  governmentId: string;
}

/** Small factories over the real API, so every test states the few facts it depends on. */
export class Factories {
  constructor(private readonly t: TestApp) {}

  async government(
    overrides: Partial<{ code: string; nameEn: string; nameFr: string; level: GovernmentLevel; timeZone: string }> = {},
  ): Promise<TestGovernment> {
    const code = overrides.code ?? `G${unique()}`;
    const res = await this.t.http.post(
      '/api/v1/governments',
      { code, nameEn: `Government ${code}`, nameFr: `Gouvernement ${code}`, level: 'provincial', timeZone: 'America/Toronto', ...overrides },
      this.t.adminToken,
    );
    if (res.status !== 201) throw new Error(`government: ${res.status} ${res.text}`);
    return res.body;
  }

  async body(overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string; kind: string }> {
    const res = await this.t.http.post(
      '/api/v1/bodies',
      { name: `Working group ${unique()}`, kind: 'working_group', permanent: true, ...overrides },
      this.t.adminToken,
    );
    if (res.status !== 201) throw new Error(`body: ${res.status} ${res.text}`);
    return res.body;
  }

  async member(bodyId: string, governmentId: string, role: MembershipRole = 'member', startedAt?: string): Promise<void> {
    const res = await this.t.http.post(`/api/v1/bodies/${bodyId}/members`, { governmentId, role, ...(startedAt ? { startedAt } : {}) }, this.t.adminToken);
    if (res.status !== 201) throw new Error(`member: ${res.status} ${res.text}`);
  }

  async official(governmentId: string, overrides: Partial<{ email: string; displayName: string; locale: string }> = {}): Promise<TestOfficial> {
    const email = overrides.email ?? `official-${unique().toLowerCase()}@forum.test`;
    const res = await this.t.http.post(
      '/api/v1/users',
      { email, displayName: `Official ${email}`, password: OFFICIAL_PASSWORD, role: 'official', governmentId, ...overrides },
      this.t.adminToken,
    );
    if (res.status !== 201) throw new Error(`official: ${res.status} ${res.text}`);
    const login = await this.t.http.post('/api/v1/auth/login', { email, password: OFFICIAL_PASSWORD });
    return { id: res.body.id, email, token: login.body.accessToken, governmentId };
  }

  /** A body with governments in the given roles and one official each, ready for most scenarios. */
  /** `since` backdates the seats (a meeting in the past invites the governments seated at its start). */
  async bodyWith(
    roles: Record<string, { level?: GovernmentLevel; role: MembershipRole; timeZone?: string; since?: string }>,
    bodyOverrides: Record<string, unknown> = {},
  ) {
    const body = await this.body({ kind: 'table', ...bodyOverrides });
    const seats: Record<string, { government: TestGovernment; official: TestOfficial }> = {};
    for (const [key, spec] of Object.entries(roles)) {
      const government = await this.government({ level: spec.level ?? 'provincial', timeZone: spec.timeZone ?? 'America/Toronto' });
      await this.member(body.id, government.id, spec.role, spec.since);
      seats[key] = { government, official: await this.official(government.id) };
    }
    return { body, seats };
  }

  /** An action item created by the secretariat; returns the created item (status 201 checked). */
  async actionItem(bodyId: string, leadGovernmentId: string, overrides: Record<string, unknown> = {}): Promise<any> {
    const res = await this.t.http.post(
      '/api/v1/action-items',
      { bodyId, leadGovernmentId, title: `Action ${unique()}`, dueOn: '2030-06-30', ...overrides },
      this.t.adminToken,
    );
    if (res.status !== 201) throw new Error(`actionItem: ${res.status} ${res.text}`);
    return res.body;
  }

  /** Moves an action item through statuses as the secretariat, reading the version before each step. */
  async moveActionItem(id: string, ...statuses: string[]): Promise<any> {
    let item = (await this.t.http.get(`/api/v1/action-items/${id}`, this.t.adminToken)).body;
    for (const status of statuses) {
      const res = await this.t.http.patch(`/api/v1/action-items/${id}`, { version: item.version, status }, this.t.adminToken);
      if (res.status !== 200) throw new Error(`moveActionItem ${status}: ${res.status} ${res.text}`);
      item = res.body;
    }
    return item;
  }

  /** A scheduled meeting of the body, by default Tuesday 11 March 2031, 16:00–18:00 UTC: inside working hours from St. John's to Vancouver. */
  async meeting(bodyId: string, overrides: Record<string, unknown> = {}): Promise<any> {
    const res = await this.t.http.post(
      '/api/v1/meetings',
      { bodyId, title: `Meeting ${unique()}`, startsAt: '2031-03-11T16:00:00Z', endsAt: '2031-03-11T18:00:00Z', ...overrides },
      this.t.adminToken,
    );
    if (res.status !== 201) throw new Error(`meeting: ${res.status} ${res.text}`);
    return res.body;
  }
}
