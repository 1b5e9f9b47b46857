import type { Locale } from '@forum/contracts';
import { typographyFor } from '@forum/core';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const WORDS = {
  en: {
    open: 'Open in the Forum',
    footer: 'You receive this email because of your notification preferences in the Forum.',
    digestSubject: (n: number) => `Forum: ${n} update${n === 1 ? '' : 's'} today`,
    digestIntro: 'Here is what happened in your bodies since the last digest.',
    invitationSubject: 'You are invited to the Forum',
    invitation: (name: string, days: number) =>
      `Hello ${name},\n\nThe forum secretariat has opened an account for you. Choose your password with the link below; it can be used once and expires in ${days} days.`,
    resetSubject: 'Reset your Forum password',
    reset: (name: string, minutes: number) =>
      `Hello ${name},\n\nSomeone asked to reset the password of your Forum account. If it was you, choose a new password with the link below; it can be used once and expires in ${minutes} minutes. If it was not you, ignore this email.`,
  },
  fr: {
    open: 'Ouvrir dans le Forum',
    footer: 'Vous recevez ce courriel en raison de vos préférences de notification dans le Forum.',
    digestSubject: (n: number) => `Forum : ${n} mise${n === 1 ? '' : 's'} à jour aujourd’hui`,
    digestIntro: 'Voici ce qui s’est passé dans vos instances depuis le dernier résumé.',
    invitationSubject: 'Vous êtes invité(e) au Forum',
    invitation: (name: string, days: number) =>
      `Bonjour ${name},\n\nLe secrétariat du forum vous a ouvert un compte. Choisissez votre mot de passe avec le lien ci-dessous; il ne peut servir qu’une fois et expire dans ${days} jours.`,
    resetSubject: 'Réinitialiser votre mot de passe du Forum',
    reset: (name: string, minutes: number) =>
      `Bonjour ${name},\n\nQuelqu’un a demandé la réinitialisation du mot de passe de votre compte Forum. Si c’est vous, choisissez un nouveau mot de passe avec le lien ci-dessous; il ne peut servir qu’une fois et expire dans ${minutes} minutes. Sinon, ignorez ce courriel.`,
  },
} as const;

/** the product's own words, French typography for French (the notification texts arrive already typeset) */
const words = (locale: Locale): (typeof WORDS)[Locale] => {
  const w: (typeof WORDS)[Locale] = WORDS[locale];
  if (locale === 'en') return w;
  const t = (s: string) => typographyFor(locale, s);
  return {
    ...w,
    digestSubject: (n: number) => t(w.digestSubject(n)),
    invitation: (name: string, days: number) => t(w.invitation(name, days)),
    reset: (name: string, minutes: number) => t(w.reset(name, minutes)),
  } as (typeof WORDS)[Locale];
};

function layout(locale: Locale, paragraphs: string[], link: { href: string; label: string } | null, footer: string | null): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n');
  const button = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : '';
  const foot = footer ? `<p style="color:#555;font-size:12px">${escapeHtml(footer)}</p>` : '';
  return `<!doctype html>\n<html lang="${locale}"><body style="font-family:sans-serif">\n${body}\n${button}\n${foot}\n</body></html>`;
}

const absolute = (baseUrl: string, link: string | null) => (link ? (/^https?:\/\//.test(link) ? link : baseUrl + link) : null);

export function notificationEmail(locale: Locale, baseUrl: string, n: { title: string; body: string; link: string | null }): RenderedEmail {
  const w = words(locale);
  const href = absolute(baseUrl, n.link);
  const text = [n.body, href ? `${w.open}${locale === 'fr' ? '\u00a0:' : ':'} ${href}` : null, '--', w.footer].filter(Boolean).join('\n\n');
  return { subject: n.title, text, html: layout(locale, [n.body], href ? { href, label: w.open } : null, w.footer) };
}

export function digestEmail(locale: Locale, baseUrl: string, items: { title: string; body: string; link: string | null }[]): RenderedEmail {
  const w = words(locale);
  const lines = items.map((n) => {
    const href = absolute(baseUrl, n.link);
    return `- ${n.title}\n  ${n.body}${href ? `\n  ${href}` : ''}`;
  });
  const text = [w.digestIntro, lines.join('\n\n'), '--', w.footer].join('\n\n');
  const list = items
    .map((n) => {
      const href = absolute(baseUrl, n.link);
      const title = href ? `<a href="${escapeHtml(href)}">${escapeHtml(n.title)}</a>` : escapeHtml(n.title);
      return `<li><strong>${title}</strong><br>${escapeHtml(n.body)}</li>`;
    })
    .join('\n');
  const html = `<!doctype html>\n<html lang="${locale}"><body style="font-family:sans-serif">\n<p>${escapeHtml(w.digestIntro)}</p>\n<ul>\n${list}\n</ul>\n<p style="color:#555;font-size:12px">${escapeHtml(w.footer)}</p>\n</body></html>`;
  return { subject: w.digestSubject(items.length), text, html };
}

export function accountEmail(locale: Locale, purpose: 'invitation' | 'password_reset', displayName: string, href: string, ttlMs: number): RenderedEmail {
  const w = words(locale);
  const intro = purpose === 'invitation' ? w.invitation(displayName, Math.round(ttlMs / 86_400_000)) : w.reset(displayName, Math.round(ttlMs / 60_000));
  return {
    subject: purpose === 'invitation' ? w.invitationSubject : w.resetSubject,
    text: `${intro}\n\n${href}\n`,
    html: layout(locale, [intro], { href, label: href }, null),
  };
}
