import type { Locale, Page } from '@forum/contracts';
import { escapeHtml as e } from '@forum/core';
import type { PublicCommuniqueSummaryView, PublicCommuniqueView } from './communique.view';
import { pagePath, PublicFilter } from './public-communiques.service';

const other = (lang: Locale): Locale => (lang === 'en' ? 'fr' : 'en');

const WORDS = {
  en: {
    site: 'Forum',
    list: 'Joint communiqués',
    otherLanguage: 'Français',
    published: 'Published',
    corrected: 'Corrected',
    correction: 'Correction',
    withdrawn: 'Withdrawn',
    withdrawnNotice: 'This communiqué has been withdrawn. Its text is kept below for the record.',
    notes: 'Notes',
    search: 'Search',
    year: 'Year',
    none: 'No communiqué matches.',
    all: 'All communiqués',
    feed: 'Atom feed',
    notFound: 'Page not found',
    notFoundText: 'There is no published communiqué at this address.',
    previous: 'Newer',
    next: 'Older',
  },
  fr: {
    site: 'Forum',
    list: 'Communiqués conjoints',
    otherLanguage: 'English',
    published: 'Publié le',
    corrected: 'Corrigé le',
    correction: 'Correction',
    withdrawn: 'Retiré',
    withdrawnNotice: 'Ce communiqué a été retiré. Son texte est conservé ci-dessous pour mémoire.',
    notes: 'Notes',
    search: 'Rechercher',
    year: 'Année',
    none: 'Aucun communiqué ne correspond.',
    all: 'Tous les communiqués',
    feed: 'Fil Atom',
    notFound: 'Page introuvable',
    notFoundText: 'Aucun communiqué publié ne se trouve à cette adresse.',
    previous: 'Plus récents',
    next: 'Plus anciens',
  },
} as const;

/** Built once per language: constructing an Intl formatter costs far more than formatting with it. */
const DATE_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeZone: 'America/Toronto' }),
  fr: new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeZone: 'America/Toronto' }),
};
const date = (iso: string, lang: Locale) => DATE_FORMATS[lang].format(new Date(iso));

function layout(lang: Locale, title: string, otherHref: string, main: string): string {
  const w = WORDS[lang];
  const o = other(lang);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} | ${w.site}</title>
<link rel="alternate" hreflang="${o}" href="${e(otherHref)}">
<link rel="alternate" type="application/atom+xml" title="${e(w.feed)}" href="/api/v1/public/communiques.atom?lang=${lang}">
<style>
body{font-family:system-ui,sans-serif;line-height:1.5;max-width:48rem;margin:0 auto;padding:1rem;color:#1b1b1b}
header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:1px solid #ccc;margin-bottom:1rem}
a{color:#1a4f8b}.notice{border-left:4px solid #a00;padding:.5rem 1rem;background:#fbeaea}
.correction{border-left:4px solid #a60;padding:.5rem 1rem;background:#fdf3e6}.meta{color:#555}
aside.notes{border-top:1px solid #ccc;margin-top:2rem;font-size:.95em}
</style>
</head>
<body>
<header><a href="${pagePath(lang)}">${w.list}</a><a href="${e(otherHref)}" lang="${o}" hreflang="${o}">${w.otherLanguage}</a></header>
<main>
${main}
</main>
</body>
</html>
`;
}

export function communiqueListPage(lang: Locale, page: Page<PublicCommuniqueSummaryView>, filter: PublicFilter & { offset: number; limit: number }): string {
  const w = WORDS[lang];
  const query = (offset: number) => {
    const params = new URLSearchParams();
    if (filter.q) params.set('q', filter.q);
    if (filter.year) params.set('year', String(filter.year));
    if (filter.bodyId) params.set('bodyId', filter.bodyId);
    if (offset) params.set('offset', String(offset));
    const s = params.toString();
    return s ? `?${s}` : '';
  };
  const items = page.items.length
    ? `<ol class="communiques">${page.items
        .map(
          (c) => `<li><a href="${c.url}">${e(c.title)}</a> <span class="meta">(${e(lang === 'fr' ? c.bodyNameFr ?? c.bodyName : c.bodyName)}, <time datetime="${c.publishedAt}">${date(c.publishedAt, lang)}</time>${c.status === 'withdrawn' ? `, ${w.withdrawn}` : ''})</span></li>`,
        )
        .join('\n')}</ol>`
    : `<p>${w.none}</p>`;
  const nav = [
    filter.offset > 0 ? `<a href="${pagePath(lang)}${query(Math.max(0, filter.offset - filter.limit))}" rel="prev">${w.previous}</a>` : '',
    filter.offset + filter.limit < page.total ? `<a href="${pagePath(lang)}${query(filter.offset + filter.limit)}" rel="next">${w.next}</a>` : '',
  ].filter(Boolean);
  const main = `<h1>${w.list}</h1>
<form method="get" action="${pagePath(lang)}">
<label>${w.search} <input type="search" name="q" value="${e(filter.q ?? '')}" maxlength="200"></label>
<label>${w.year} <input type="number" name="year" value="${filter.year ?? ''}" min="1867" max="9999"></label>
<button type="submit">${w.search}</button>
</form>
${items}
${nav.length ? `<nav>${nav.join(' ')}</nav>` : ''}
<p><a href="/api/v1/public/communiques.atom?lang=${lang}">${w.feed}</a></p>`;
  return layout(lang, w.list, pagePath(other(lang)) + query(filter.offset), main);
}

export function communiquePage(v: PublicCommuniqueView): string {
  const lang = v.lang;
  const w = WORDS[lang];
  const fr = lang === 'fr';
  const withdrawal = v.withdrawal
    ? `<p class="notice" role="note"><strong>${w.withdrawn}</strong> (<time datetime="${v.withdrawal.withdrawnAt}">${date(v.withdrawal.withdrawnAt, lang)}</time>). ${w.withdrawnNotice}${
        (fr ? v.withdrawal.reasonFr : v.withdrawal.reasonEn) ? ` ${e((fr ? v.withdrawal.reasonFr : v.withdrawal.reasonEn)!)}` : ''
      }</p>`
    : '';
  const corrections = v.corrections
    .map(
      (c) =>
        `<p class="correction" role="note"><strong>${w.correction}</strong> (<time datetime="${c.correctedAt}">${date(c.correctedAt, lang)}</time>): ${e((fr ? c.noteFr : c.noteEn) ?? '')}</p>`,
    )
    .join('\n');
  const notes = v.footnotes.length
    ? `<aside class="notes"><h2>${w.notes}</h2><ol>${v.footnotes.map((n) => `<li>${e(n)}</li>`).join('')}</ol></aside>`
    : '';
  const main = `<article>
<h1>${e(v.title)}</h1>
<p class="meta">${e(fr ? v.bodyNameFr ?? v.bodyName : v.bodyName)}. ${w.published} <time datetime="${v.publishedAt}">${date(v.publishedAt, lang)}</time>${
    v.corrections.length ? `. ${w.corrected} <time datetime="${v.updatedAt}">${date(v.updatedAt, lang)}</time>` : ''
  }</p>
${withdrawal}
${corrections}
<div class="text">
${v.html}
</div>
${notes}
</article>`;
  return layout(lang, v.title, pagePath(other(lang), v.id), main);
}

export function notFoundPage(lang: Locale): string {
  const w = WORDS[lang];
  return layout(lang, w.notFound, pagePath(other(lang)), `<h1>${w.notFound}</h1><p>${w.notFoundText}</p><p><a href="${pagePath(lang)}">${w.all}</a></p>`);
}
