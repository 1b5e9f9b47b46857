import { accountEmail, digestEmail, notificationEmail } from './email-templates';

describe('email templates', () => {
  it('writes a notification in the recipient language, as text and escaped HTML', () => {
    const en = notificationEmail('en', 'https://forum.example', { title: 'Meeting moved', body: 'Now at <10:00> & later', link: '/meetings/1' });
    expect(en.subject).toBe('Meeting moved');
    expect(en.text).toContain('Open in the Forum: https://forum.example/meetings/1');
    expect(en.html).toContain('Now at &lt;10:00&gt; &amp; later');
    expect(en.html).not.toContain('<10:00>');
    const fr = notificationEmail('fr', 'https://forum.example', { title: 'Réunion déplacée', body: 'x', link: null });
    expect(fr.text).toContain('préférences');
    expect(fr.html).toContain('lang="fr"');
  });

  it('gathers a digest in one email', () => {
    const mail = digestEmail('en', 'https://f', [
      { title: 'A', body: 'a', link: null },
      { title: 'B', body: 'b', link: '/x' },
    ]);
    expect(mail.subject).toBe('Forum: 2 updates today');
    expect(mail.text).toContain('https://f/x');
  });

  it('puts the one-time link in account emails', () => {
    const mail = accountEmail('fr', 'password_reset', 'Camille', 'https://f/reset-password?token=abc', 3600_000);
    expect(mail.subject).toContain('mot de passe');
    expect(mail.text).toContain('https://f/reset-password?token=abc');
    expect(mail.text).toContain('60 minutes');
  });
});
