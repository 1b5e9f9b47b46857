import { Controller, Get, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { Permission } from '@forum/contracts';
import { ACCESS_POLICY, type AccessPolicy, Authorize, On, Public } from '@forum/core';
import { AccessTokenGuard } from './access-token.guard';
import { AccessTokenService } from './access-token.service';
import { ApiTokenService } from './api-tokens/api-token.service';

@Controller('declared')
class DeclaredController {
  @Authorize(Permission.AuditRead)
  @Get()
  read() {
    return 'ok';
  }

  @Public()
  @Get('open')
  open() {
    return 'ok';
  }
}

@Controller('forgotten')
class ForgottenController {
  @Get()
  read() {
    return 'ok';
  }
}

@Controller('unlocated')
class UnlocatedController {
  @Authorize(Permission.MeetingRead, On.param('nothing-locates-this'))
  @Get(':id')
  read() {
    return 'ok';
  }
}

const policy: AccessPolicy = { authorize: async () => undefined, knownKinds: () => ['meeting'] };

async function start(controllers: Array<new (...args: never[]) => unknown>) {
  @Module({
    imports: [DiscoveryModule],
    controllers,
    providers: [
      AccessTokenGuard,
      { provide: AccessTokenService, useValue: {} },
      { provide: ApiTokenService, useValue: {} },
      { provide: ACCESS_POLICY, useValue: policy },
    ],
  })
  class RoutesModule {}
  // init runs the bootstrap hooks, where the guard checks every route
  const app = await NestFactory.createApplicationContext(RoutesModule, { logger: false, abortOnError: false });
  return app;
}

describe('deny by default', () => {
  it('starts when every route declares a permission or is public', async () => {
    await expect(start([DeclaredController]).then((m) => m.close())).resolves.toBeUndefined();
  });

  it('refuses to start when a route declares no permission, naming it', async () => {
    await expect(start([DeclaredController, ForgottenController])).rejects.toThrow(/Routes without a permission.*ForgottenController\.read/);
  });

  it('refuses to start when a route addresses a kind of thing that nothing locates', async () => {
    await expect(start([UnlocatedController])).rejects.toThrow(/nothing locates: UnlocatedController\.read \(nothing-locates-this\)/);
  });
});
