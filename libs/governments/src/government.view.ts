import type { GovernmentView } from '@forum/contracts';
import { frenchNameWithArticle } from '@forum/core';
import type { Government } from './government.entity';

export type { GovernmentView };

export const toGovernmentView = (g: Government): GovernmentView => ({
  id: g.id,
  code: g.code,
  nameEn: g.nameEn,
  nameFr: g.nameFr,
  nameFrWithArticle: frenchNameWithArticle(g),
  level: g.level,
  timeZone: g.timeZone,
  precedence: g.precedence,
});
