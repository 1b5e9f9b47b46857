/** The bilingual page a failed single sign-on shows (no script, so the CSP holds). */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const OIDC_ERRORS = {
  expired: {
    en: 'This sign-in link has expired or was already used. Start again from the sign-in page.',
    fr: 'Ce lien de connexion a expiré ou a déjà servi. Recommencez à partir de la page de connexion.',
  },
  provider: {
    en: 'Your government’s sign-in service did not confirm who you are.',
    fr: 'Le service de connexion de votre gouvernement n’a pas confirmé votre identité.',
  },
  unverified: {
    en: 'Your government’s sign-in service has not verified your email address.',
    fr: 'Le service de connexion de votre gouvernement n’a pas vérifié votre adresse courriel.',
  },
  noAccount: {
    en: 'There is no forum account for this email address in your government. Ask the secretariat for one.',
    fr: 'Aucun compte du forum ne correspond à cette adresse courriel dans votre gouvernement. Demandez-en un au secrétariat.',
  },
  otherAccount: {
    en: 'This forum account is linked to another identity at your government’s sign-in service.',
    fr: 'Ce compte du forum est lié à une autre identité du service de connexion de votre gouvernement.',
  },
} as const;
export type OidcErrorKind = keyof typeof OIDC_ERRORS;

export function oidcErrorPage(kind: OidcErrorKind, signInUrl: string): string {
  const m = OIDC_ERRORS[kind];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign-in failed – Échec de la connexion</title></head>
<body>
<main>
<section lang="en"><h1>Sign-in failed</h1><p>${escape(m.en)}</p><p><a href="${escape(signInUrl)}">Back to sign-in</a></p></section>
<section lang="fr"><h1>Échec de la connexion</h1><p>${escape(m.fr)}</p><p><a href="${escape(signInUrl)}">Retour à la connexion</a></p></section>
</main>
</body></html>`;
}
