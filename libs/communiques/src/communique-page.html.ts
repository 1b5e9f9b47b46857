import type { Locale, Page } from '@forum/contracts';
import { escapeHtml as e } from '@forum/core';
import type { PublicCommuniqueSummaryView, PublicCommuniqueView } from './communique.view';
import { FAVICON, SIGNATURE, WORDMARK } from './gc-identity';
import { pagePath, PublicFilter } from './public-communiques.service';

const other = (lang: Locale): Locale => (lang === 'en' ? 'fr' : 'en');

const WORDS = {
  en: {
    site: 'Forum',
    list: 'Joint communiqués',
    otherLanguage: 'Français',
    otherLanguageName: 'Français',
    skip: 'Skip to main content',
    government: 'Government of Canada',
    symbol: 'Symbol of the Government of Canada',
    canadaHome: 'https://www.canada.ca/en.html',
    breadcrumb: 'Breadcrumb',
    home: 'Forum',
    published: 'Published',
    corrected: 'Corrected',
    correction: 'Correction',
    withdrawn: 'Withdrawn',
    withdrawnNotice: 'This communiqué has been withdrawn. Its text is kept below for the record.',
    notes: 'Notes',
    participants: 'Participating governments',
    pdf: 'Download this communiqué (PDF, English)',
    search: 'Search',
    words: 'Words',
    year: 'Year',
    allYears: 'All years',
    body: 'Table or working group',
    allBodies: 'All tables and working groups',
    filter: 'Filter',
    none: 'No communiqué matches.',
    all: 'All communiqués',
    feed: 'Atom feed',
    notFound: 'Page not found',
    notFoundText: 'There is no published communiqué at this address.',
    previous: 'Newer',
    next: 'Older',
    pages: 'Pages of results',
    dateModified: 'Date modified:',
    about: 'About this site',
    footerText: 'Joint communiqués of the federal, provincial, territorial and municipal governments of the Forum.',
  },
  fr: {
    site: 'Forum',
    list: 'Communiqués conjoints',
    otherLanguage: 'English',
    otherLanguageName: 'English',
    skip: 'Passer au contenu principal',
    government: 'Gouvernement du Canada',
    symbol: 'Symbole du gouvernement du Canada',
    canadaHome: 'https://www.canada.ca/fr.html',
    breadcrumb: 'Chemin de navigation',
    home: 'Forum',
    published: 'Publié le',
    corrected: 'Corrigé le',
    correction: 'Correction',
    withdrawn: 'Retiré',
    withdrawnNotice: 'Ce communiqué a été retiré. Son texte est conservé ci-dessous pour mémoire.',
    notes: 'Notes',
    participants: 'Gouvernements participants',
    pdf: 'Télécharger ce communiqué (PDF, français)',
    search: 'Rechercher',
    words: 'Mots',
    year: 'Année',
    allYears: 'Toutes les années',
    body: 'Table ou groupe de travail',
    allBodies: 'Toutes les tables et tous les groupes de travail',
    filter: 'Filtrer',
    none: 'Aucun communiqué ne correspond.',
    all: 'Tous les communiqués',
    feed: 'Fil Atom',
    notFound: 'Page introuvable',
    notFoundText: 'Aucun communiqué publié ne se trouve à cette adresse.',
    previous: 'Plus récents',
    next: 'Plus anciens',
    pages: 'Pages de résultats',
    dateModified: 'Date de modification :',
    about: 'À propos de ce site',
    footerText: 'Communiqués conjoints des gouvernements fédéral, provinciaux, territoriaux et municipaux du Forum.',
  },
} as const;

/** Built once per language: constructing an Intl formatter costs far more than formatting with it. */
const DATE_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeZone: 'America/Toronto' }),
  fr: new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeZone: 'America/Toronto' }),
};
const date = (iso: string, lang: Locale) => DATE_FORMATS[lang].format(new Date(iso));

/** The date as Canada.ca's "Date modified" shows it: YYYY-MM-DD, in Ottawa's time. */
const isoDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'America/Toronto' }).format(at);

// Canada.ca's look (the design system's colours and measures) without its scripts or fonts: one request per page.
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{font-family:"Noto Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.6;margin:0;color:#333;background:#fff;font-size:1.125rem}
a{color:#284162}a:visited{color:#7834bc}a:hover,a:focus{color:#0535d2}
:focus-visible{outline:3px solid #0535d2;outline-offset:2px}
.wrap{max-width:71.25rem;margin:0 auto;padding:0 1rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:-10000px;top:0;background:#284162;color:#fff;padding:.5rem 1rem}
.skip:focus{left:50%;transform:translateX(-50%);z-index:10;color:#fff}
.gc-header{border-bottom:4px solid #26374a}
.brand{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:1rem;padding:1rem 0}
.signature{display:inline-block;width:min(100%,21rem);aspect-ratio:819/78;background:no-repeat left center/contain}
.lang a{display:inline-block;min-height:24px;padding:.25rem .5rem;font-size:1rem}
.crumbs{padding:.75rem 0 0}.crumbs ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .5rem;font-size:1rem}
.crumbs li+li::before{content:"›";margin-right:.5rem;color:#555}
.crumbs a{display:inline-block;min-height:24px}
main{padding:1rem 0 2rem;max-width:65ch}
h1{font-family:Lato,"Noto Sans",sans-serif;font-size:2.25rem;line-height:1.2;margin:1rem 0 1.5rem;border-bottom:0;position:relative;padding-bottom:.5rem}
h1::after{content:"";position:absolute;left:0;bottom:0;width:4.5rem;height:.375rem;background:#af3c43}
h2{font-size:1.5rem;margin:2rem 0 .75rem}
.notice{border-left:4px solid #d3080c;padding:.5rem 1rem;background:#fbeaea}
.correction{border-left:4px solid #ee7100;padding:.5rem 1rem;background:#fdf3e6}.meta{color:#555}
aside.notes{border-top:1px solid #ccc;margin-top:2rem;font-size:1rem}
form.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;margin:0 0 1.5rem}
form.filters label{display:flex;flex-direction:column;font-weight:700;font-size:1rem;max-width:100%}
form.filters input,form.filters select{font:inherit;font-weight:400;min-height:44px;padding:.25rem .5rem;border:2px solid #333;border-radius:4px;max-width:100%}
button{font:inherit;min-height:44px;padding:.5rem 1.25rem;border:0;border-radius:4px;background:#26374a;color:#fff;cursor:pointer}
ol.communiques{padding-left:1.25rem}ol.communiques li{margin:0 0 .75rem}
.pdf{display:inline-block;min-height:24px;font-weight:700}
nav.pages a{display:inline-block;min-width:24px;min-height:24px;margin-right:1rem}
.date-modified{margin:2rem 0 0;font-size:1rem;color:#333}.date-modified dt,.date-modified dd{display:inline;margin:0}
.gc-footer{background:#f8f8f8;border-top:1px solid #ccc;margin-top:2rem;padding:1.5rem 0}
.gc-footer .wrap{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:flex-end;gap:1rem}
.gc-footer ul{list-style:none;margin:0;padding:0;font-size:1rem}.gc-footer li{margin:.25rem 0}
.gc-footer a{display:inline-block;min-height:24px}
.wordmark{width:9rem;aspect-ratio:143/34;background:no-repeat right center/contain}
.signature,.wordmark{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@media print{
body{font-size:11pt;color:#000}
.skip,.lang,.crumbs,form.filters,nav.pages,.gc-footer ul,.no-print{display:none!important}
.gc-header{border-bottom:1px solid #000}
main{max-width:none;padding:0}
a{color:#000;text-decoration:none}
article a[href^="http"]::after{content:" (" attr(href) ")";font-size:90%}
h1::after{background:#000}
.notice,.correction{background:none;border-left-width:2px}
h1,h2{break-after:avoid}li,p{orphans:3;widows:3}
}
`;

interface Furniture {
  /** the trail above the h1, the current page last (not a link) */
  crumbs: { label: string; href?: string }[];
  modified: Date | null;
}

function layout(lang: Locale, title: string, otherHref: string, main: string, furniture: Furniture): string {
  const w = WORDS[lang];
  const o = other(lang);
  const crumbs = furniture.crumbs
    .map((c) => (c.href ? `<li><a href="${e(c.href)}">${e(c.label)}</a></li>` : `<li aria-current="page">${e(c.label)}</li>`))
    .join('');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} | ${w.site}</title>
<link rel="icon" type="image/svg+xml" href="${FAVICON}">
<link rel="alternate" hreflang="${o}" href="${e(otherHref)}">
<link rel="alternate" type="application/atom+xml" title="${e(w.feed)}" href="/api/v1/public/communiques.atom?lang=${lang}">
<style>${STYLE}.signature{background-image:url("${SIGNATURE[lang]}")}.wordmark{background-image:url("${WORDMARK[lang]}")}</style>
</head>
<body>
<a class="skip" href="#main-content">${w.skip}</a>
<header class="gc-header">
<div class="wrap brand">
<a class="signature" href="${w.canadaHome}"><span class="sr-only">${w.government}</span></a>
<div class="lang"><a href="${e(otherHref)}" lang="${o}" hreflang="${o}">${w.otherLanguage}</a></div>
</div>
</header>
<div class="wrap">
<nav class="crumbs" aria-label="${w.breadcrumb}"><ol>${crumbs}</ol></nav>
<main id="main-content" tabindex="-1">
${main}
${furniture.modified ? `<dl class="date-modified"><dt>${w.dateModified}</dt> <dd><time datetime="${isoDay(furniture.modified)}">${isoDay(furniture.modified)}</time></dd></dl>` : ''}
</main>
</div>
<footer class="gc-footer">
<h2 class="sr-only">${w.about}</h2>
<div class="wrap">
<ul>
<li><a href="${pagePath(lang)}">${w.all}</a></li>
<li><a href="/api/v1/public/communiques.atom?lang=${lang}">${w.feed}</a></li>
<li>${w.footerText}</li>
</ul>
<div class="wordmark" role="img" aria-label="${w.symbol}"></div>
</div>
</footer>
</body>
</html>
`;
}

export interface ListFurniture {
  filters: { bodies: { id: string; name: string }[]; years: number[] };
  modified: Date | null;
}

export function communiqueListPage(
  lang: Locale,
  page: Page<PublicCommuniqueSummaryView>,
  filter: PublicFilter & { offset: number; limit: number },
  furniture: ListFurniture = { filters: { bodies: [], years: [] }, modified: null },
): string {
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
          (c) =>
            `<li><a href="${c.url}">${e(c.title)}</a> <span class="meta">(${e(lang === 'fr' ? (c.bodyNameFr ?? c.bodyName) : c.bodyName)}, <time datetime="${c.publishedAt}">${date(c.publishedAt, lang)}</time>${c.status === 'withdrawn' ? `, ${w.withdrawn}` : ''})</span></li>`,
        )
        .join('\n')}</ol>`
    : `<p>${w.none}</p>`;
  const nav = [
    filter.offset > 0 ? `<a href="${pagePath(lang)}${query(Math.max(0, filter.offset - filter.limit))}" rel="prev">${w.previous}</a>` : '',
    filter.offset + filter.limit < page.total ? `<a href="${pagePath(lang)}${query(filter.offset + filter.limit)}" rel="next">${w.next}</a>` : '',
  ].filter(Boolean);
  const option = (value: string, label: string, selected: boolean) => `<option value="${e(value)}"${selected ? ' selected' : ''}>${e(label)}</option>`;
  // a filter chosen by address that no longer has anything public still shows as chosen
  const years = filter.year && !furniture.filters.years.includes(filter.year) ? [filter.year, ...furniture.filters.years] : furniture.filters.years;
  const main = `<h1>${w.list}</h1>
<form class="filters" method="get" action="${pagePath(lang)}" role="search">
<label>${w.words} <input type="search" name="q" value="${e(filter.q ?? '')}" maxlength="200"></label>
<label>${w.body} <select name="bodyId">${option('', w.allBodies, !filter.bodyId)}${furniture.filters.bodies.map((b) => option(b.id, b.name, b.id === filter.bodyId)).join('')}</select></label>
<label>${w.year} <select name="year">${option('', w.allYears, !filter.year)}${years.map((y) => option(String(y), String(y), y === filter.year)).join('')}</select></label>
<button type="submit">${w.filter}</button>
</form>
${items}
${nav.length ? `<nav class="pages" aria-label="${w.pages}">${nav.join(' ')}</nav>` : ''}
<p class="no-print"><a href="/api/v1/public/communiques.atom?lang=${lang}">${w.feed}</a></p>`;
  return layout(lang, w.list, pagePath(other(lang)) + query(filter.offset), main, {
    crumbs: [{ label: w.home, href: `/${lang}` }, { label: w.list }],
    modified: furniture.modified,
  });
}

export function communiquePage(v: PublicCommuniqueView, participants: string[] = []): string {
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
  const notes = v.footnotes.length ? `<aside class="notes"><h2>${w.notes}</h2><ol>${v.footnotes.map((n) => `<li>${e(n)}</li>`).join('')}</ol></aside>` : '';
  const governments = participants.length
    ? `<section class="participants"><h2>${w.participants}</h2><ul>${participants.map((name) => `<li>${e(name)}</li>`).join('')}</ul></section>`
    : '';
  const main = `<article>
<h1>${e(v.title)}</h1>
<p class="meta">${e(fr ? (v.bodyNameFr ?? v.bodyName) : v.bodyName)}. ${w.published} <time datetime="${v.publishedAt}">${date(v.publishedAt, lang)}</time>${
    v.corrections.length ? `. ${w.corrected} <time datetime="${v.updatedAt}">${date(v.updatedAt, lang)}</time>` : ''
  }</p>
<p class="no-print"><a class="pdf" href="/api/v1/public/communiques/${v.id}/pdf?lang=${lang}" type="application/pdf">${w.pdf}</a></p>
${withdrawal}
${corrections}
<div class="text">
${v.html}
</div>
${governments}
${notes}
</article>`;
  return layout(lang, v.title, pagePath(other(lang), v.id), main, {
    crumbs: [{ label: w.home, href: `/${lang}` }, { label: w.list, href: pagePath(lang) }, { label: v.title }],
    modified: new Date(v.updatedAt),
  });
}

export function notFoundPage(lang: Locale): string {
  const w = WORDS[lang];
  return layout(lang, w.notFound, pagePath(other(lang)), `<h1>${w.notFound}</h1><p>${w.notFoundText}</p><p><a href="${pagePath(lang)}">${w.all}</a></p>`, {
    crumbs: [
      { label: w.home, href: `/${lang}` },
      { label: w.list, href: pagePath(lang) },
    ],
    modified: null,
  });
}
