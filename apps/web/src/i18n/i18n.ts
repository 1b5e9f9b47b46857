import { useEffect } from 'react';
import i18next, { BackendModule } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Locale } from '@forum/contracts';
import { en } from './en';

const LANG_KEY = 'forum.lang';

/** Pages whose address starts with /en/ or /fr/ (the links in emails) are in that language, whatever was chosen before. */
export function languageOfPath(pathname: string): Locale | null {
  const match = /^\/(en|fr)(\/|$)/.exec(pathname);
  return match ? (match[1] as Locale) : null;
}

/** The language comes from the address (/fr/…, else ?lang=, the header's toggle), else the last choice, else the browser. */
export function initialLanguage(): Locale {
  const fromUrl = languageOfPath(window.location.pathname) ?? new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'fr') {
    localStorage.setItem(LANG_KEY, fromUrl);
    return fromUrl;
  }
  const stored = localStorage.getItem(LANG_KEY);
  if (stored === 'en' || stored === 'fr') return stored;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * The French messages come in their own chunk, fetched only when a page is shown in French (English, the fallback,
 * comes with the first script): an English visit never downloads the French dictionary, nor a French one the
 * English twice.
 */
const frenchWhenNeeded: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (language !== 'fr') return callback(null, language === 'en' ? en : {});
    import('./fr').then(
      (m) => callback(null, m.fr),
      (error: Error) => callback(error, false),
    );
  },
};

/** Sets the language up; the promise settles once its messages are there (at once in English). */
export function setupI18n(): { i18n: typeof i18next; ready: Promise<unknown> } {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  const ready = i18next
    .use(frenchWhenNeeded)
    .use(initReactI18next)
    .init({
      resources: { en: { translation: en } },
      // the bundled English is used as it is; the backend is asked only for a language not bundled
      partialBundledLanguages: true,
      initAsync: false,
      lng,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  // a language changed inside the app (an /en/ ↔ /fr/ page) is remembered and announced to assistive technology
  i18next.on('languageChanged', (next) => {
    if (next !== 'en' && next !== 'fr') return;
    document.documentElement.lang = next;
    localStorage.setItem(LANG_KEY, next);
  });
  return { i18n: i18next, ready };
}

/**
 * The same page in the other language: the toggle is a real link, so it works without a script too.
 * Pages addressed by language swap their prefix, so the address keeps saying which language it is in.
 */
export function otherLanguageHref(current: Locale, location: { pathname: string; search: string }): string {
  const other = current === 'en' ? 'fr' : 'en';
  const params = new URLSearchParams(location.search);
  if (languageOfPath(location.pathname)) {
    params.delete('lang');
    const search = params.toString();
    return `/${other}${location.pathname.slice(3)}${search ? `?${search}` : ''}`;
  }
  params.set('lang', other);
  return `${location.pathname}?${params.toString()}`;
}

/** A page addressed by language (/fr/…) shows itself in that language, also when reached from inside the app. */
export function useAddressLanguage(lang: Locale): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
  }, [i18n, lang]);
}
