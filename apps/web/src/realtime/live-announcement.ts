import type { TFunction } from 'i18next';
import { api, Page } from '../api/api-client';
import type { ActionItem, ActionItemUpdate, Government } from '../api/types';

/**
 * What the live region says of an action item that changed: who changed it and which one. The event names only
 * the item and its version, so the item and its history are read: the history's entry for that version says
 * whose government made the change. The words are chosen when shown, in the language of the moment.
 */
export interface ActionItemAnnouncement {
  kind: 'action-item';
  verb: 'created' | 'updated';
  /** the government whose official made the change; 'secretariat' for an author with none; null when no author is known */
  by: Government | 'secretariat' | null;
  /** the government that leads the item: named instead when the author is not known */
  lead: Government | null;
  title: { en: string; fr: string };
}

let governments: Promise<Government[]> | null = null;
/** a failed read is not kept: the next announcement asks again (this one falls back to the plain words) */
const allGovernments = () =>
  (governments ??= api<Page<Government>>('GET', '/governments?limit=100').then(
    (p) => p.items,
    (error: unknown) => {
      governments = null;
      throw error;
    },
  ));

/** A government from the directory, read once a visit (again if one was added since). */
async function governmentById(id: string | null): Promise<Government | null> {
  if (!id) return null;
  const known = (await allGovernments()).find((g) => g.id === id);
  if (known) return known;
  governments = null;
  return (await allGovernments()).find((g) => g.id === id) ?? null;
}

export async function describeActionItemEvent(
  name: 'action-item.created' | 'action-item.updated',
  payload: { id: string; version: number },
): Promise<ActionItemAnnouncement> {
  const [item, updates] = await Promise.all([
    api<ActionItem>('GET', `/action-items/${payload.id}`),
    // newest first: the entry for this version is among the latest few (a failed read: the caller says it plainly)
    api<Page<ActionItemUpdate>>('GET', `/action-items/${payload.id}/updates?limit=10`).then((p) => p.items),
  ]);
  const entry =
    updates.find((u) => u.version === payload.version && (u.kind === 'created' || u.changedFields.length > 0)) ??
    updates.find((u) => u.version === payload.version);
  const [author, lead] = await Promise.all([governmentById(entry?.authorGovernmentId ?? null), governmentById(item.leadGovernmentId)]);
  return {
    kind: 'action-item',
    verb: name === 'action-item.created' ? 'created' : 'updated',
    by: author ?? (entry?.authorUserId ? 'secretariat' : null),
    lead,
    title: { en: item.titleEn || item.title, fr: item.titleFr || item.title },
  };
}

/** A government as the subject of a sentence: « Le gouvernement de l’Ontario » in French, its name in English. */
const subject = (g: Government, lang: string) => {
  if (lang !== 'fr') return g.nameEn;
  const named = g.nameFrWithArticle || g.nameFr;
  return named.charAt(0).toLocaleUpperCase('fr-CA') + named.slice(1);
};
const object = (g: Government, lang: string) => (lang === 'fr' ? g.nameFrWithArticle || g.nameFr : g.nameEn);

export function actionItemAnnouncementText(a: ActionItemAnnouncement, t: TFunction, lang: string): string {
  const title = lang === 'fr' ? a.title.fr : a.title.en;
  if (a.by) {
    const who = a.by === 'secretariat' ? t('pageFurniture.live.secretariat') : subject(a.by, lang);
    return t(`pageFurniture.live.actionItemBy.${a.verb}`, { who, title });
  }
  if (a.lead) return t(`pageFurniture.live.actionItemLedBy.${a.verb}`, { lead: object(a.lead, lang), title });
  return t(`pageFurniture.live.action-item.${a.verb}`);
}
