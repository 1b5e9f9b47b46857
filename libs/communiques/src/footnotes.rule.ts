import { capitalize, frenchNameWithArticle, NBSP, onlyInMark } from '@forum/core';
import type { Footnotes } from './communique-revision.entity';

export interface FootnoteGovernment {
  nameEn: string;
  nameFr: string;
  /** « le gouvernement du Québec »; derived from nameFr when absent */
  nameFrWithArticle?: string | null;
  precedence: number;
}

/** A reservation's comment: one text (read as English, as before) or the bilingual pair. */
export type FootnoteComment = string | { en: string | null; fr: string | null } | null;

export interface FootnoteInput {
  observers: FootnoteGovernment[];
  reservations: (FootnoteGovernment & { comment: FootnoteComment })[];
}

const byPrecedence = (a: FootnoteGovernment, b: FootnoteGovernment) => a.precedence - b.precedence || a.nameEn.localeCompare(b.nameEn);

function list(names: string[], and: string): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** The comment in one language: that side, else the other marked « (en anglais seulement) » / "(French only)". */
function commentIn(comment: FootnoteComment, lang: 'en' | 'fr'): string | null {
  if (comment == null) return null;
  const pair = typeof comment === 'string' ? { en: blank(comment), fr: null } : { en: blank(comment.en), fr: blank(comment.fr) };
  const own = pair[lang];
  if (own) return own;
  const other = lang === 'en' ? pair.fr : pair.en;
  return other ? `${other}${onlyInMark(lang === 'en' ? 'fr' : 'en', lang)}` : null;
}

/** French names as the subject of a sentence: « Le gouvernement du Québec », « la Ville de Toronto ». */
const subjectFr = (g: FootnoteGovernment) => frenchNameWithArticle(g);

/**
 * The footnotes practice requires on a joint communiqué, generated rather than typed so that no
 * government is ever shown as party to words it did not agree to: observers not party to it, then
 * each reservation, governments in the order of precedence as on a signature block. The French
 * footnote gives a French comment when there is one, else the English one marked as such.
 */
export function communiqueFootnotes(input: FootnoteInput): Footnotes {
  const en: string[] = [];
  const fr: string[] = [];
  const observers = [...input.observers].sort(byPrecedence);
  if (observers.length === 1) {
    en.push(`${observers[0].nameEn} took part as an observer and is not party to this communiqué.`);
    fr.push(`${capitalize(subjectFr(observers[0]))} a participé à titre d’observateur et n’est pas partie au présent communiqué.`);
  } else if (observers.length > 1) {
    en.push(
      `${list(
        observers.map((g) => g.nameEn),
        'and',
      )} took part as observers and are not party to this communiqué.`,
    );
    fr.push(`${capitalize(list(observers.map(subjectFr), 'et'))} ont participé à titre d’observateurs et ne sont pas parties au présent communiqué.`);
  }
  for (const g of [...input.reservations].sort(byPrecedence)) {
    const commentEn = commentIn(g.comment, 'en');
    const commentFr = commentIn(g.comment, 'fr');
    en.push(`${g.nameEn} concurs with a reservation${commentEn ? `: ${commentEn}` : '.'}`);
    fr.push(`${capitalize(subjectFr(g))} y souscrit avec réserve${commentFr ? `${NBSP}: ${commentFr}` : '.'}`);
  }
  return { en, fr };
}
