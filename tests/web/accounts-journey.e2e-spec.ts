import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, OFFICIAL_PASSWORD, startTestApp, TestApp } from '../support/test-app';
import { startTestSmtp, TestSmtp } from '../support/test-smtp';
import { waitUntil } from '../support/test-sockets';
import { startTestWorker, TestWorker } from '../support/test-worker';
import {
  checkBothLanguages,
  describeWithBrowser,
  ensureWebBuilt,
  expectAccessible,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
} from '../support/web-browser';
import { scaled } from '../support/timeouts';

// generous on a busy machine, and scaled by FORUM_TEST_TIMEOUT_SCALE: the steps wait for conditions
jest.setTimeout(scaled(300_000));

/**
 * Accounts as people meet them: the secretariat invites an official from the People page, the official
 * opens the emailed link (the real worker writes it to a local SMTP sink) and chooses a password in
 * French; a forgotten password is reset through its link; email preferences are chosen per category.
 */
describeWithBrowser('web: invitations, password resets and email preferences', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let worker: TestWorker;
  let f: Factories;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [t, browser, smtp] = await Promise.all([startTestApp(), launchBrowser(), startTestSmtp()]);
    worker = await startTestWorker(t, { smtpUrl: smtp.url });
    f = new Factories(t);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await worker?.close();
    await smtp?.close();
    await t?.close();
  });

  const newPage = async (locale = 'en-CA'): Promise<Page> => {
    const context = await newContext(browser, t.baseUrl, { locale });
    contexts.push(context);
    return context.newPage();
  };

  /** the path and query of the link in the n-th email to this address, as a person would click it */
  const emailedLink = async (email: string, page: 'accept-invitation' | 'reset-password', n = 1): Promise<string> => {
    const mails = () => smtp.messages.filter((m) => m.to.includes(email));
    await waitUntil(() => mails().length >= n, 10_000, `email ${n} to ${email}`);
    const match = new RegExp(`https?://[^/\\s]+(/(?:en|fr)/${page}\\?token=[A-Za-z0-9_-]+)`).exec(mails()[n - 1].content);
    if (!match) throw new Error(`no ${page} link in: ${mails()[n - 1].content}`);
    return match[1];
  };

  it('serves the pages of emailed links from the API port without shadowing the public portal', async () => {
    for (const path of ['/en/accept-invitation?token=abc', '/fr/accept-invitation', '/en/reset-password', '/fr/reset-password?token=abc', '/people']) {
      const shell = await t.http.get(path);
      expect([path, shell.status, shell.text.includes('<div id="root">')]).toEqual([path, 200, true]);
    }
    const portal = await t.http.get('/fr/communiques');
    expect(portal.status).toBe(200);
    expect(portal.text).not.toContain('<div id="root">');
    expect((await t.http.get('/de/reset-password')).status).toBe(404);
  });

  it('the secretariat invites an official, who chooses a password in French and lands signed in', async () => {
    const government = await f.government({ nameEn: 'Nova Scotia', nameFr: 'Nouvelle-Écosse' });
    const email = `camille.leblanc.${Date.now()}@novascotia.test`;
    const admin = await newPage();
    await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.getByRole('link', { name: 'People', exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: 'People' }).waitFor();

    await admin.getByRole('button', { name: 'Send the invitation' }).click();
    await admin.getByText('Enter an email address such as name@example.gc.ca.').waitFor();
    await admin.getByText('Enter the official’s name.').waitFor();
    await admin.getByText('Choose the official’s government.').waitFor();

    await admin.getByLabel('Email address').fill(email);
    await admin.getByLabel('Full name').fill('Camille LeBlanc');
    await admin.locator('select#invite-government').selectOption({ label: 'Nova Scotia' });
    await admin.locator('select#invite-locale').selectOption('fr');
    await admin.getByRole('button', { name: 'Send the invitation' }).click();
    const sent = admin.getByTestId('invitation-sent');
    await sent.getByText(`Invitation sent to Camille LeBlanc (${email}), Nova Scotia, emails in French.`).waitFor();
    await admin.getByRole('row').filter({ hasText: email }).getByRole('cell', { name: 'Nova Scotia' }).waitFor();
    const accounts = await t.http.get(`/api/v1/users?governmentId=${government.id}`, t.adminToken);
    expect(accounts.body.items).toEqual([expect.objectContaining({ email, displayName: 'Camille LeBlanc', role: 'official', locale: 'fr', active: true })]);

    // the same address twice is refused next to the field, not as a broken page
    await admin.getByLabel('Email address').fill(email);
    await admin.getByLabel('Full name').fill('Camille LeBlanc');
    await admin.locator('select#invite-government').selectOption({ label: 'Nova Scotia' });
    await admin.getByRole('button', { name: 'Send the invitation' }).click();
    await admin.getByText('An account already uses this email address.').waitFor();
    await checkBothLanguages(admin, 'people');

    const link = await emailedLink(email, 'accept-invitation');
    expect(link.startsWith('/fr/accept-invitation?token=')).toBe(true);

    const invitee = await newPage('en-CA');
    // the English page of the same link, checked before the token is used
    await invitee.goto(link.replace('/fr/', '/en/'));
    await invitee.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
    await expectAccessible(invitee, 'accept invitation (en)');
    await screenshot(invitee, 'accept-invitation-en');

    // the header's toggle keeps the token and swaps the language in the address
    await invitee.getByRole('link', { name: 'Français' }).click();
    await invitee.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' }).waitFor();
    expect(new URL(invitee.url()).pathname + new URL(invitee.url()).search).toBe(link);
    expect(await invitee.evaluate(() => document.documentElement.lang)).toBe('fr');

    // a browser that opens the French link directly gets French, whatever it spoke before
    await invitee.goto(link);
    await invitee.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' }).waitFor();
    expect(await invitee.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expectAccessible(invitee, 'accept invitation (fr)');
    await screenshot(invitee, 'accept-invitation-fr');

    const password = invitee.getByLabel('Nouveau mot de passe');
    const confirm = invitee.getByLabel('Retapez le même mot de passe');
    const submit = invitee.getByRole('button', { name: 'Enregistrer mon mot de passe et me connecter' });
    await password.fill('court');
    await confirm.fill('court');
    await submit.click();
    await invitee.getByText('Entrez un mot de passe d’au moins 8 caractères.').waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');

    await password.fill('une phrase de passe assez longue');
    await confirm.fill('une phrase de passe assez courte');
    await submit.click();
    await invitee.getByText('Les deux mots de passe ne sont pas identiques.', { exact: false }).waitFor();
    expect(await confirm.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(invitee, 'accept invitation with errors (fr)');
    await screenshot(invitee, 'accept-invitation-errors-fr');

    await confirm.fill('une phrase de passe assez longue');
    await submit.click();
    await invitee.getByRole('heading', { level: 1, name: 'Mon tableau de bord' }).waitFor();
    await invitee.getByText('Connecté en tant que Camille LeBlanc').waitFor();
    expect((await t.http.post('/api/v1/auth/login', { email, password: 'une phrase de passe assez longue' })).status).toBe(200);

    // the link is spent: opening it again explains what to do instead of failing silently
    const again = await newPage('fr-CA');
    await again.goto(link);
    await again.getByLabel('Nouveau mot de passe').fill('encore une autre phrase');
    await again.getByLabel('Retapez le même mot de passe').fill('encore une autre phrase');
    await again.getByRole('button', { name: 'Enregistrer mon mot de passe et me connecter' }).click();
    await again.getByText('Ce lien est invalide, déjà utilisé ou expiré.').waitFor();
    await again.getByText('Demandez au secrétariat du forum de vous inviter de nouveau.').waitFor();
  });

  it('a forgotten password: the same neutral confirmation for any address, then the emailed link sets a new one', async () => {
    const official = await f.official((await f.government()).id);
    const page = await newPage();
    await page.goto('/login?lang=en');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/en/reset-password');

    for (const lang of ['fr', 'en'] as const) {
      await page.goto(`/${lang}/reset-password`);
      await page.getByRole('heading', { level: 1, name: lang === 'fr' ? 'Réinitialiser votre mot de passe' : 'Reset your password' }).waitFor();
      await expectAccessible(page, `forgot password (${lang})`);
      await screenshot(page, `forgot-password-${lang}`);
    }

    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('Enter your email address.').waitFor();

    const confirmationFor = async (address: string) => {
      await page.goto('/en/reset-password');
      await page.getByLabel('Email address').fill(address);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      const status = page.getByRole('status').filter({ hasText: 'a link to reset its password is on its way' });
      await status.waitFor();
      return (await status.innerText()).trim();
    };
    const unknown = await confirmationFor('nobody.at.all@forum.test');
    const known = await confirmationFor(official.email);
    expect(known).toBe(unknown);
    await expectAccessible(page, 'forgot password sent (en)');
    await screenshot(page, 'forgot-password-sent-en');

    const link = await emailedLink(official.email, 'reset-password');
    expect(smtp.messages.filter((m) => m.to.includes('nobody.at.all@forum.test'))).toEqual([]);
    expect(link.startsWith('/en/reset-password?token=')).toBe(true);

    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await expectAccessible(page, 'choose a new password (en)');
    await screenshot(page, 'reset-password-en');
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByLabel('Type the same password again').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Set my new password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByText('Your password is set. Sign in with it.').waitFor();
    expect((await t.http.post('/api/v1/auth/login', { email: official.email, password: OFFICIAL_PASSWORD })).status).toBe(401);
    await signIn(page, official.email, 'a brand new passphrase');

    const spent = await newPage();
    await spent.goto(link);
    await spent.getByLabel('New password').fill('yet another passphrase');
    await spent.getByLabel('Type the same password again').fill('yet another passphrase');
    await spent.getByRole('button', { name: 'Set my new password' }).click();
    await spent.getByText('This link is invalid, already used or expired.').waitFor();
    await spent.getByRole('link', { name: 'Ask for a new link' }).click();
    await spent.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
  });

  it('an official chooses, per category, email at once, in a daily digest or not at all', async () => {
    const official = await f.official((await f.government()).id);
    const page = await newPage();
    await signIn(page, official.email, OFFICIAL_PASSWORD);
    await page.goto('/notifications?lang=en');
    await page.getByRole('heading', { name: 'Email preferences' }).waitFor();
    // as a person does: by the option's label (the design system's label covers its radio button)
    await page.getByRole('group', { name: 'Meetings' }).getByText('Off', { exact: true }).click();
    await page.getByRole('group', { name: 'Action items' }).getByText('In a daily digest', { exact: true }).click();
    expect(await page.getByRole('group', { name: 'Meetings' }).getByRole('radio', { name: 'Off' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save my preferences' }).click();
    await page.getByText('Your email preferences were saved.').waitFor();
    expect((await t.http.get('/api/v1/notifications/preferences', official.token)).body).toEqual({
      meetings: 'off',
      action_items: 'daily',
      communiques: 'immediately',
      membership: 'immediately',
      account: 'immediately',
      funding: 'immediately',
      indicators: 'immediately',
    });

    await page.goto('/notifications?lang=fr');
    const meetings = page.getByRole('group', { name: 'Réunions' });
    await meetings.getByRole('radio', { name: 'Jamais' }).waitFor();
    expect(await meetings.getByRole('radio', { name: 'Jamais' }).isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'Mesures de suivi' }).getByRole('radio', { name: 'Dans un résumé quotidien' }).isChecked()).toBe(true);
    await checkBothLanguages(page, 'notification-preferences');
  });
});
