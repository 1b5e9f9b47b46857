import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Caller } from './caller';

/** The caller established by AccessTokenGuard (null on public routes for anonymous callers). */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller | null => {
  return ctx.switchToHttp().getRequest<{ caller?: Caller }>().caller ?? null;
});
