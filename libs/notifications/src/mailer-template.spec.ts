import MailComposer from 'nodemailer/lib/mail-composer';
import { notificationEmail } from './email-templates';
import { templateOf } from './mailer.service';

const headOf = (b: Buffer) => b.toString('latin1').split('\r\n\r\n')[0];
const bodyOf = (b: Buffer) => b.toString('latin1').slice(headOf(b).length);

describe('templateOf (one MIME build for a batch)', () => {
  const mail = notificationEmail('fr', 'https://forum.example', {
    title: 'Ordre du jour publié : « réunion » de la semaine prochaine, avec un titre assez long pour être replié',
    body: 'Publié.',
    link: '/meetings/1',
  });

  it('gives each recipient their own To and Message-ID over the same head and parts', async () => {
    const compiled = await new MailComposer({
      from: 'Forum <forum@forum.example>',
      to: 'recipient@placeholder.invalid',
      messageId: '<message@placeholder.invalid>',
      ...mail,
    })
      .compile()
      .build();
    const copyFor = templateOf(compiled)!;
    const a = copyFor('a@forum.example', '<notification-a@forum>');
    const b = copyFor('b@forum.example', '<notification-b@forum>');
    expect(headOf(a)).toMatch(/^To: a@forum\.example$/m);
    expect(headOf(a)).toMatch(/^Message-ID: <notification-a@forum>$/m);
    expect(headOf(b)).toMatch(/^To: b@forum\.example$/m);
    expect(headOf(a)).not.toContain('placeholder');
    expect(headOf(a).replace(/^(To|Message-ID): .*$/gm, '')).toBe(headOf(b).replace(/^(To|Message-ID): .*$/gm, ''));
    expect(bodyOf(a)).toBe(bodyOf(compiled));
    expect(bodyOf(b)).toBe(bodyOf(compiled));
  });

  it('declines a message whose placeholders are not on lines of their own (the ordinary build is used)', async () => {
    const compiled = await new MailComposer({ from: 'forum@forum.example', to: 'Someone <recipient@placeholder.invalid>', ...mail }).compile().build();
    expect(templateOf(compiled)).toBeNull();
  });
});
