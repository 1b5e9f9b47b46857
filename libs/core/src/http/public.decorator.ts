import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'forum:public-route';
/** Opens a route to anonymous callers; every other route requires a valid access token. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
