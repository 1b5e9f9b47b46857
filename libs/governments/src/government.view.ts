import type { GovernmentView } from '@forum/contracts';
import type { Government } from './government.entity';

export type { GovernmentView };

export const toGovernmentView = (g: Government): GovernmentView => ({
  id: g.id,
  code: g.code,
  nameEn: g.nameEn,
  nameFr: g.nameFr,
  level: g.level,
  timeZone: g.timeZone,
  precedence: g.precedence,
});
