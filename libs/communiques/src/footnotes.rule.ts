import type { Footnotes } from './communique-revision.entity';

export interface FootnoteGovernment {
  nameEn: string;
  nameFr: string;
  precedence: number;
}

export interface FootnoteInput {
  observers: FootnoteGovernment[];
  /** the comment in each language: each footnote carries its own language's, or the other while it is pending */
  reservations: (FootnoteGovernment & { comment: string | null; commentFr?: string | null })[];
}

const byPrecedence = (a: FootnoteGovernment, b: FootnoteGovernment) => a.precedence - b.precedence || a.nameEn.localeCompare(b.nameEn);

function list(names: string[], and: string): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}

/**
 * The footnotes practice requires on a joint communiqué, generated rather than typed so that no
 * government is ever shown as party to words it did not agree to: observers not party to it, then
 * each reservation, governments in the order of precedence as on a signature block.
 */
export function communiqueFootnotes(input: FootnoteInput): Footnotes {
  const en: string[] = [];
  const fr: string[] = [];
  const observers = [...input.observers].sort(byPrecedence);
  if (observers.length === 1) {
    en.push(`${observers[0].nameEn} took part as an observer and is not party to this communiqué.`);
    fr.push(`${observers[0].nameFr} a participé à titre d’observateur et n’est pas partie au présent communiqué.`);
  } else if (observers.length > 1) {
    en.push(`${list(observers.map((g) => g.nameEn), 'and')} took part as observers and are not party to this communiqué.`);
    fr.push(`${list(observers.map((g) => g.nameFr), 'et')} ont participé à titre d’observateurs et ne sont pas parties au présent communiqué.`);
  }
  for (const g of [...input.reservations].sort(byPrecedence)) {
    const commentEn = (g.comment ?? g.commentFr)?.trim();
    const commentFr = (g.commentFr ?? g.comment)?.trim();
    en.push(`${g.nameEn} concurs with a reservation${commentEn ? `: ${commentEn}` : '.'}`);
    fr.push(`${g.nameFr} y souscrit avec réserve${commentFr ? ` : ${commentFr}` : '.'}`);
  }
  return { en, fr };
}
