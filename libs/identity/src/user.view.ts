import type { User } from './user.entity';
import type { UserView } from './user.dto';

export const toUserView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  governmentId: u.governmentId,
  locale: u.locale,
  timeZone: u.timeZone ?? null,
  active: u.active,
});
