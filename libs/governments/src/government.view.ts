import type { GovernmentLevel } from '@forum/contracts';
import type { Government } from './government.entity';

export interface GovernmentView {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
  level: GovernmentLevel;
  timeZone: string;
  precedence: number;
}

export const toGovernmentView = (g: Government): GovernmentView => ({
  id: g.id,
  code: g.code,
  nameEn: g.nameEn,
  nameFr: g.nameFr,
  level: g.level,
  timeZone: g.timeZone,
  precedence: g.precedence,
});
