import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { BodiesModule } from '@forum/bodies';
import { FORUM_CONFIG, type ForumConfig } from '@forum/core';
import { GovernmentsModule } from '@forum/governments';
import { AccessTokenGuard } from './access-token.guard';
import { AccessTokenService } from './access-token.service';
import { AdminAccountBootstrap } from './admin-account.bootstrap';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password';
import { SessionCache } from './session/session-cache';
import { SessionRevocations } from './session/session-revocations';
import { SessionService } from './session/session.service';
import { UserRepository } from './user.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { MfaAttemptLimiter } from './mfa/attempt-limiter';
import { MfaController } from './mfa/mfa.controller';
import { MfaService } from './mfa/mfa.service';
import { ApiTokenController } from './api-tokens/api-token.controller';
import { ApiTokenService } from './api-tokens/api-token.service';
import { IdentityProviderController, OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { WebhookController } from './webhooks/webhook.controller';
import { WebhookDeliverer } from './webhooks/webhook-deliverer';
import { WebhookService } from './webhooks/webhook.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [FORUM_CONFIG],
      // A KeyObject made once: given a string, jsonwebtoken tries (and fails) to parse it as a public key on every verify.
      useFactory: (config: ForumConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtTtlSeconds },
        // 30 s of clock skew between instances at most; a token without exp is refused in AccessTokenService
        verifyOptions: { algorithms: ['HS256'], clockTolerance: 30 },
      }),
    }),
    GovernmentsModule,
    // a webhook bound to a government sees a body's events while that government holds a seat
    BodiesModule,
    DiscoveryModule,
  ],
  controllers: [AuthController, UsersController, MfaController, ApiTokenController, IdentityProviderController, OidcController, WebhookController],
  providers: [
    AccessTokenService,
    SessionRevocations,
    SessionCache,
    SessionService,
    AuthService,
    LoginThrottle,
    PasswordHasher,
    UsersService,
    UserRepository,
    AdminAccountBootstrap,
    MfaService,
    MfaAttemptLimiter,
    ApiTokenService,
    OidcService,
    WebhookService,
    WebhookDeliverer,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
  ],
  exports: [WebhookDeliverer, AccessTokenService, SessionService, SessionRevocations, UsersService, UserRepository, PasswordHasher],
})
export class IdentityModule {}
