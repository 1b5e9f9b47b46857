import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@forum/contracts';
import { en } from './en';
import { fr } from './fr';

const LANG_KEY = 'forum.lang';

/** The language comes from ?lang= (the header's toggle), else the last choice, else the browser. */
export function initialLanguage(): Locale {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'fr') {
    localStorage.setItem(LANG_KEY, fromUrl);
    return fromUrl;
  }
  const stored = localStorage.getItem(LANG_KEY);
  if (stored === 'en' || stored === 'fr') return stored;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function setupI18n(): typeof i18next {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

/** The same page in the other language: the toggle is a real link, so it works without a script too. */
export function otherLanguageHref(current: Locale, location: { pathname: string; search: string }): string {
  const params = new URLSearchParams(location.search);
  params.set('lang', current === 'en' ? 'fr' : 'en');
  return `${location.pathname}?${params.toString()}`;
}
