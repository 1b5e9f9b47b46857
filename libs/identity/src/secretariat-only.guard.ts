import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { type Caller, forbidden } from '@forum/core';

/**
 * Secretariat-only routes answer 403 before validation (guards run before pipes), whatever the body holds.
 * Stands in until the permission guard's grant table covers these routes; the services check again.
 */
@Injectable()
export class SecretariatOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const caller = context.switchToHttp().getRequest<{ caller?: Caller }>().caller;
    if (caller?.role !== 'secretariat' || caller.serviceToken) throw forbidden('Only the secretariat may do this');
    return true;
  }
}
