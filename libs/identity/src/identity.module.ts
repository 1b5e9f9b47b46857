import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { GovernmentsModule } from '@forum/governments';
import { AccessTokenGuard } from './access-token.guard';
import { AccessTokenService } from './access-token.service';
import { AdminAccountBootstrap } from './admin-account.bootstrap';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { UserRepository } from './user.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [JwtModule.register({}), GovernmentsModule],
  controllers: [AuthController, UsersController],
  providers: [
    AccessTokenService,
    AuthService,
    LoginThrottle,
    UsersService,
    UserRepository,
    AdminAccountBootstrap,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
  ],
  exports: [AccessTokenService, UsersService, UserRepository],
})
export class IdentityModule {}
