import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@forum/contracts';

export const ROUTE_PERMISSION = 'forum:route-permission';

/**
 * The permission a route needs. Checked before validation, so the same rule gives the same status on every
 * route: 403 when the caller's role never holds it, 404 when the thing is inside a body the caller may not see.
 */
export const Authorize = (permission: Permission) => SetMetadata(ROUTE_PERMISSION, permission);
