import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditRecord, Caller, EventRecorder, forbidden, invalid, isSecretariat, notFound, unauthenticated } from '@forum/core';
import { ApiToken } from './api-token.entity';
import type { ApiTokenView, CreateApiTokenDto } from './api-token.dto';

/** Every service token starts with this, so the guard tells it from an access token at a glance (and scanners find leaked ones). */
export const API_TOKEN_PREFIX = 'forum_st_';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** last use is written at most this often per token: a busy system costs one write a minute, not one per call */
const LAST_USED_EVERY_MS = 60_000;

/** The scope a write needs, from the first segment of its path; null: no token may write there. */
export function scopeForWrite(path: string): string | null {
  const segment = path.replace(/^\/api\/v1\//, '').split(/[/?]/)[0];
  switch (segment) {
    case 'action-items':
      return 'action-items:write';
    case 'meetings':
      return 'meetings:write';
    case 'communiques':
      return 'communiques:write';
    case 'documents':
      return 'documents:write';
    case 'indicators':
      return 'indicators:write';
    case 'funding':
    case 'funding-programs':
    case 'funding-claims':
      return 'funding:write';
    default:
      return null;
  }
}

/** Paths a service token never reaches, even to read: accounts, tokens, webhooks, providers, the audit trail, queues. */
export function isTokenForbiddenPath(path: string): boolean {
  const p = path.replace(/^\/api\/v1\//, '/').split('?')[0];
  return /^\/(auth|api-tokens|webhooks|users|audit|admin)(\/|$)/.test(p) || /^\/governments\/[^/]+\/identity-provider/.test(p);
}

const toView = (t: ApiToken): ApiTokenView => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  governmentId: t.governmentId,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
});

@Injectable()
export class ApiTokenService {
  /** token id → when its last use was last written (this process) */
  private readonly lastWritten = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventRecorder,
  ) {}

  private repo() {
    return this.dataSource.getRepository(ApiToken);
  }

  async create(caller: Caller, dto: CreateApiTokenDto): Promise<ApiTokenView & { secret: string }> {
    if (!isSecretariat(caller) || caller.serviceToken) throw forbidden('Only the secretariat creates service tokens');
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw invalid(['expiresAt must be in the future']);
    const secret = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const id = randomUUID();
    return this.dataSource.transaction(async (em) => {
      if (dto.governmentId) {
        const found = await em.query(`SELECT 1 FROM government WHERE id = $1`, [dto.governmentId]);
        if (!found.length) throw invalid(['governmentId names no government']);
      }
      const token = em.getRepository(ApiToken).create({
        id,
        name: dto.name.trim(),
        secretHash: sha256(secret),
        governmentId: dto.governmentId ?? null,
        scopes: dto.scopes,
        expiresAt,
        lastUsedAt: null,
        revokedAt: null,
        createdBy: caller.userId,
      });
      await em.getRepository(ApiToken).insert(token);
      const saved = await em.getRepository(ApiToken).findOneByOrFail({ id });
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: 'api-token.created',
        entityType: 'api_token',
        entityId: id,
        changes: { name: saved.name, scopes: saved.scopes, governmentId: saved.governmentId },
      });
      return { ...toView(saved), secret };
    });
  }

  async list(caller: Caller): Promise<{ items: ApiTokenView[]; total: number }> {
    if (!isSecretariat(caller) || caller.serviceToken) throw forbidden('Only the secretariat manages service tokens');
    const rows = await this.repo().find({ order: { createdAt: 'DESC' } });
    return { items: rows.map(toView), total: rows.length };
  }

  async revoke(caller: Caller, id: string): Promise<ApiTokenView> {
    if (!isSecretariat(caller) || caller.serviceToken) throw forbidden('Only the secretariat manages service tokens');
    return this.dataSource.transaction(async (em) => {
      const token = await em.getRepository(ApiToken).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!token) throw notFound('Service token');
      if (!token.revokedAt) {
        token.revokedAt = new Date();
        await em.getRepository(ApiToken).update({ id }, { revokedAt: token.revokedAt });
        await this.events.record(em, {
          actorUserId: caller.userId,
          action: 'api-token.revoked',
          entityType: 'api_token',
          entityId: id,
          changes: { name: token.name },
        });
      }
      return toView(token);
    });
  }

  /**
   * The caller a service token acts as: bound, an official of its government; unbound, the secretariat's reading.
   * One indexed read per call, so a revocation stops the token at once on every instance.
   */
  async authenticate(secret: string): Promise<Caller> {
    const token = await this.repo().findOneBy({ secretHash: sha256(secret) });
    const now = Date.now();
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now))
      throw unauthenticated('The service token is invalid, expired or revoked');
    const written = this.lastWritten.get(token.id) ?? token.lastUsedAt?.getTime() ?? 0;
    if (now - written >= LAST_USED_EVERY_MS) {
      this.lastWritten.set(token.id, now);
      await this.repo().update({ id: token.id }, { lastUsedAt: new Date(now) });
    }
    return {
      userId: token.id,
      email: `${token.name} (service token)`,
      role: token.governmentId ? 'official' : 'secretariat',
      governmentId: token.governmentId,
      // a system reads in English; its texts come with both languages anyway (xEn, xFr)
      locale: 'en',
      serviceToken: { id: token.id, name: token.name, scopes: token.scopes },
    };
  }

  /** Every call of a token is in the audit trail, under the token's name. */
  async auditCall(caller: Caller, method: string, path: string): Promise<void> {
    if (!caller.serviceToken) return;
    await this.dataSource.getRepository(AuditRecord).insert({
      actorUserId: caller.serviceToken.id,
      action: 'api-token.call',
      entityType: 'api_token',
      entityId: caller.serviceToken.id,
      changes: { token: caller.serviceToken.name, method, path: path.split('?')[0].slice(0, 500) } as never,
    });
  }
}
