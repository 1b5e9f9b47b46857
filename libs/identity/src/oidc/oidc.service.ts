import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';
import {
  Caller,
  checkOutboundUrl,
  conflict,
  EventRecorder,
  FORUM_CONFIG,
  ForumConfig,
  forbidden,
  guardedFetch,
  invalid,
  isSecretariat,
  notFound,
  openSecret,
  OutboundRefused,
  REDIS,
  sealSecret,
  unavailable,
} from '@forum/core';
import { CommonReason } from '@forum/contracts';
import { SessionMeta, SessionService, SignedIn } from '../session/session.service';
import { User } from '../user.entity';
import { UserRepository } from '../user.repository';
import { IdentityProvider } from './identity-provider.entity';
import type { IdentityProviderDto, IdentityProviderView } from './identity-provider.dto';
import { OidcLink } from './oidc-link.entity';
import type { OidcErrorKind } from './oidc-pages';

/** the state of one sign-in between /start and /callback, kept in Redis and taken once */
interface PendingSignIn {
  providerId: string;
  governmentId: string;
  nonce: string;
  verifier: string;
}
const PENDING_SECONDS = 10 * 60;

export class OidcSignInRefused extends Error {
  constructor(
    readonly kind: OidcErrorKind,
    detail: string,
  ) {
    super(detail);
  }
}

const toView = (p: IdentityProvider): IdentityProviderView => ({
  id: p.id,
  governmentId: p.governmentId,
  issuer: p.issuer,
  clientId: p.clientId,
  emailDomains: p.emailDomains,
  passwordLogin: p.passwordLogin,
  createAccounts: p.createAccounts,
  updatedAt: p.updatedAt.toISOString(),
});

/**
 * OpenID Connect per government (openid-client): authorization code with PKCE, state and nonce, issuer discovery.
 * The server calls the provider only over HTTPS to public addresses (FORUM_ALLOW_HTTP_HOSTS excepted), checked at
 * each call, never following a redirect.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');
  /** discovered configurations per provider, rebuilt when the provider row changes */
  private readonly configs = new Map<string, { updatedAt: number; config: Promise<oidc.Configuration> }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly events: EventRecorder,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
  ) {}

  get redirectUri(): string {
    return `${this.config.publicBaseUrl}/api/v1/auth/oidc/callback`;
  }

  // --- the secretariat's registration -------------------------------------------------------------------

  private requireSecretariat(caller: Caller) {
    if (!isSecretariat(caller) || caller.serviceToken) throw forbidden('Only the secretariat manages identity providers');
  }

  private async checkIssuer(issuer: string) {
    try {
      await checkOutboundUrl(issuer, this.config.allowHttpHosts);
    } catch (error) {
      if (error instanceof OutboundRefused) throw invalid([`issuer ${error.message}`]);
      throw error;
    }
  }

  async get(caller: Caller, governmentId: string): Promise<IdentityProviderView> {
    this.requireSecretariat(caller);
    const row = await this.dataSource.getRepository(IdentityProvider).findOneBy({ governmentId });
    if (!row) throw notFound('Identity provider');
    return toView(row);
  }

  async create(caller: Caller, governmentId: string, dto: IdentityProviderDto): Promise<IdentityProviderView> {
    this.requireSecretariat(caller);
    await this.checkIssuer(dto.issuer);
    return this.dataSource.transaction(async (em) => {
      const government = await em.query(`SELECT id FROM government WHERE id = $1 FOR UPDATE`, [governmentId]);
      if (!government.length) throw notFound('Government');
      if (await em.getRepository(IdentityProvider).findOneBy({ governmentId }))
        throw conflict(CommonReason.Duplicate, 'This government already has an identity provider: use PUT to change it');
      const id = randomUUID();
      await em.getRepository(IdentityProvider).insert({
        id,
        governmentId,
        issuer: dto.issuer.replace(/\/$/, ''),
        clientId: dto.clientId,
        clientSecretSealed: sealSecret(this.config.secretsKey, dto.clientSecret),
        emailDomains: dto.emailDomains.map((d) => d.toLowerCase()),
        passwordLogin: dto.passwordLogin ?? true,
        createAccounts: dto.createAccounts ?? false,
      });
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: 'identity-provider.created',
        entityType: 'identity_provider',
        entityId: id,
        changes: { governmentId, issuer: dto.issuer, clientId: dto.clientId, emailDomains: dto.emailDomains },
      });
      return toView(await em.getRepository(IdentityProvider).findOneByOrFail({ id }));
    });
  }

  async replace(caller: Caller, governmentId: string, dto: IdentityProviderDto): Promise<IdentityProviderView> {
    this.requireSecretariat(caller);
    await this.checkIssuer(dto.issuer);
    return this.dataSource.transaction(async (em) => {
      const row = await em.getRepository(IdentityProvider).findOne({ where: { governmentId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('Identity provider');
      await em.getRepository(IdentityProvider).update(
        { id: row.id },
        {
          issuer: dto.issuer.replace(/\/$/, ''),
          clientId: dto.clientId,
          clientSecretSealed: sealSecret(this.config.secretsKey, dto.clientSecret),
          emailDomains: dto.emailDomains.map((d) => d.toLowerCase()),
          passwordLogin: dto.passwordLogin ?? true,
          createAccounts: dto.createAccounts ?? false,
        },
      );
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: 'identity-provider.updated',
        entityType: 'identity_provider',
        entityId: row.id,
        changes: { issuer: dto.issuer, clientId: dto.clientId, emailDomains: dto.emailDomains, passwordLogin: dto.passwordLogin ?? true },
      });
      this.configs.delete(row.id);
      return toView(await em.getRepository(IdentityProvider).findOneByOrFail({ id: row.id }));
    });
  }

  async remove(caller: Caller, governmentId: string): Promise<void> {
    this.requireSecretariat(caller);
    await this.dataSource.transaction(async (em) => {
      const row = await em.getRepository(IdentityProvider).findOneBy({ governmentId });
      if (!row) throw notFound('Identity provider');
      await em.getRepository(OidcLink).delete({ providerId: row.id });
      await em.getRepository(IdentityProvider).delete({ id: row.id });
      await this.events.record(em, {
        actorUserId: caller.userId,
        action: 'identity-provider.deleted',
        entityType: 'identity_provider',
        entityId: row.id,
        changes: { governmentId },
      });
      this.configs.delete(row.id);
    });
  }

  /** Public: which governments sign in with their own provider (the sign-in page's buttons). */
  async listPublic(): Promise<{ code: string; nameEn: string; nameFr: string }[]> {
    const rows: { code: string; name_en: string; name_fr: string }[] = await this.dataSource.query(
      `SELECT g.code, g.name_en, g.name_fr FROM identity_provider p JOIN government g ON g.id = p.government_id ORDER BY g.name_en`,
    );
    return rows.map((r) => ({ code: r.code, nameEn: r.name_en, nameFr: r.name_fr }));
  }

  // --- signing in ---------------------------------------------------------------------------------------

  /** Only checked URLs, never a redirect: every call openid-client makes goes through here. */
  private readonly guardedFetch = (url: string, options: oidc.CustomFetchOptions): Promise<Response> =>
    guardedFetch(
      url,
      {
        method: options.method,
        headers: options.headers as unknown as Record<string, string>,
        body: (options.body ?? null) as unknown as string | null,
        timeoutMs: 10_000,
      },
      this.config.allowHttpHosts,
    );

  private configurationFor(provider: IdentityProvider): Promise<oidc.Configuration> {
    const cached = this.configs.get(provider.id);
    if (cached && cached.updatedAt === provider.updatedAt.getTime()) return cached.config;
    const secret = openSecret(this.config.secretsKey, provider.clientSecretSealed);
    const plainHttp = new URL(provider.issuer).protocol === 'http:';
    const config = oidc
      .discovery(new URL(provider.issuer), provider.clientId, undefined, oidc.ClientSecretBasic(secret), {
        [oidc.customFetch]: this.guardedFetch,
        ...(plainHttp && { execute: [oidc.allowInsecureRequests] }),
      })
      .then((c) => {
        c[oidc.customFetch] = this.guardedFetch;
        return c;
      });
    config.catch(() => this.configs.delete(provider.id));
    this.configs.set(provider.id, { updatedAt: provider.updatedAt.getTime(), config });
    return config;
  }

  /** The provider's authorization URL, and the state to bind to this browser (a cookie). 404 without a provider. */
  async start(governmentCode: string): Promise<{ url: string; state: string }> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT p.id FROM identity_provider p JOIN government g ON g.id = p.government_id WHERE lower(g.code) = lower($1)`,
      [governmentCode],
    );
    if (!rows.length) throw notFound('Identity provider');
    const provider = await this.dataSource.getRepository(IdentityProvider).findOneByOrFail({ id: rows[0].id });
    const configuration = await this.configurationFor(provider).catch((error: Error) => {
      this.logger.warn(`OIDC discovery failed for provider ${provider.id}: ${error.message}`);
      throw unavailable('The government’s sign-in service does not answer; try again later', 30);
    });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const pending: PendingSignIn = { providerId: provider.id, governmentId: provider.governmentId, nonce, verifier };
    await this.redis.set(this.pendingKey(state), JSON.stringify(pending), 'EX', PENDING_SECONDS);
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  private pendingKey(state: string) {
    return `${this.config.redisPrefix}:oidc:pending:${state}`;
  }

  /**
   * The provider's redirect: the state is taken once (a replayed or tampered callback finds nothing), the code is
   * exchanged with the PKCE verifier, the ID token's nonce checked; then the verified email must be an account of
   * that provider's government (never another's), whose linked `sub` must match.
   */
  async callback(query: Record<string, string | undefined>, cookieState: string | null, meta: SessionMeta): Promise<SignedIn> {
    const state = query.state;
    if (!state || typeof state !== 'string' || state.length > 200) throw new OidcSignInRefused('expired', 'no state');
    const raw = await this.redis.getdel(this.pendingKey(state));
    if (!raw) throw new OidcSignInRefused('expired', 'unknown or used state');
    if (cookieState !== state) throw new OidcSignInRefused('expired', 'state does not match this browser');
    const pending = JSON.parse(raw) as PendingSignIn;
    const provider = await this.dataSource.getRepository(IdentityProvider).findOneBy({ id: pending.providerId });
    if (!provider) throw new OidcSignInRefused('expired', 'provider removed');
    const configuration = await this.configurationFor(provider).catch((error: Error) => {
      throw new OidcSignInRefused('provider', `discovery failed: ${error.message}`);
    });
    const currentUrl = new URL(this.redirectUri);
    for (const [key, value] of Object.entries(query)) if (typeof value === 'string') currentUrl.searchParams.set(key, value);
    let claims: Record<string, unknown> & { sub: string };
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken?.sub) throw new Error('no subject in the ID token');
      claims = idToken;
      // Providers that keep email claims for the userinfo endpoint (OIDC Core 5.4): ask it, for the same subject.
      if (claims.email === undefined && tokens.access_token)
        claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), sub: idToken.sub };
    } catch (error) {
      this.logger.warn(`OIDC code exchange refused for provider ${provider.id}: ${(error as Error).message}`);
      throw new OidcSignInRefused('provider', (error as Error).message);
    }
    if (!claims?.sub) throw new OidcSignInRefused('provider', 'no subject');
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email || claims.email_verified !== true) throw new OidcSignInRefused('unverified', 'email not verified');
    const domain = email.split('@')[1] ?? '';
    return this.dataSource.transaction(async (em) => {
      let user = await this.users.findByEmail(email, em);
      if (user && (user.governmentId !== provider.governmentId || user.role !== 'official'))
        throw new OidcSignInRefused('noAccount', `${email} is not an official of this government`);
      if (user && !user.active) throw new OidcSignInRefused('noAccount', 'account deactivated');
      if (!user) {
        if (!provider.createAccounts || !provider.emailDomains.includes(domain)) throw new OidcSignInRefused('noAccount', `no account for ${email}`);
        user = await this.users.insert(
          {
            email,
            displayName: typeof claims.name === 'string' ? claims.name.slice(0, 200) : email,
            passwordHash: null,
            role: 'official',
            governmentId: provider.governmentId,
            locale: 'en',
          },
          em,
        );
        await this.events.record(em, {
          actorUserId: null,
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          changes: { email, role: 'official', governmentId: provider.governmentId, via: 'oidc' },
        });
      }
      const links = em.getRepository(OidcLink);
      const link = await links.findOneBy({ userId: user.id });
      if (link && (link.providerId !== provider.id || link.subject !== claims.sub))
        throw new OidcSignInRefused('otherAccount', 'sub does not match the linked one');
      if (!link) {
        const taken = await links.findOneBy({ providerId: provider.id, subject: claims.sub });
        if (taken) throw new OidcSignInRefused('otherAccount', 'sub linked to another account');
        await links.insert({ userId: user.id, providerId: provider.id, subject: claims.sub });
        await this.events.record(em, {
          actorUserId: user.id,
          action: 'user.oidc_linked',
          entityType: 'user',
          entityId: user.id,
          changes: { providerId: provider.id },
        });
      }
      return this.sessions.start(user as User, meta, em);
    });
  }
}
