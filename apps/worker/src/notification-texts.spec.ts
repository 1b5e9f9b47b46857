import type { NotificationIntent } from '@forum/contracts';
import { bilingual } from '@forum/core';
import { agendaPublishedNotice, agendaTranslationNotice, cancellationNotice, changeNotice, invitationNotice, type Meeting } from '@forum/meetings';
import { assignmentNotice, deadlineNotice, escalationNotice, type ActionItem } from '@forum/action-items';
import { notificationEmail, renderNotification, type Reader } from '@forum/notifications';

/**
 * Every notification kind as its recipients read it, in-app and by email, in English and in French, with
 * times in Newfoundland, Saskatchewan and British Columbia on both sides of the change to daylight time
 * (Sunday 9 March 2031). The times are checked against hand-written strings; the whole texts are snapshots.
 */
const NB = '\u00a0';
const readers: Record<string, Reader> = {
  'en NL': { locale: 'en', zone: 'America/St_Johns' },
  'fr NL': { locale: 'fr', zone: 'America/St_Johns' },
  'en SK': { locale: 'en', zone: 'America/Regina' },
  'fr SK': { locale: 'fr', zone: 'America/Regina' },
  'en BC': { locale: 'en', zone: 'America/Vancouver' },
  'fr BC': { locale: 'fr', zone: 'America/Vancouver' },
};

const meeting = (startsAt: string, overrides: Partial<Meeting> = {}): Meeting =>
  ({
    id: '00000000-0000-4000-8000-00000000000a',
    bodyId: '00000000-0000-4000-8000-00000000000b',
    title: bilingual('Working group on asylum: 3rd meeting', 'Groupe de travail sur l’asile : 3e réunion'),
    sourceLang: 'en',
    startsAt: new Date(startsAt),
    endsAt: new Date(new Date(startsAt).getTime() + 3600_000),
    location: 'Ottawa',
    videoUrl: null,
    status: 'scheduled',
    sequence: 2,
    agendaRevision: 1,
    agendaTranslationToFollow: false,
    ...overrides,
  }) as Meeting;

const item = {
  id: '00000000-0000-4000-8000-00000000000c',
  bodyId: '00000000-0000-4000-8000-00000000000b',
  title: bilingual('Share weekly arrival figures', null),
  description: bilingual(null, null),
  sourceLang: 'en',
  dueOn: '2031-03-14',
  leadGovernmentId: '00000000-0000-4000-8000-00000000000d',
  responsibleUserIds: [],
} as unknown as ActionItem;

const body = bilingual('Working Group on Asylum and Irregular Migration', 'Groupe de travail sur l’asile et la migration irrégulière');
const to = { governmentIds: ['g'], userIds: [] };
const BEFORE = '2031-03-07T17:30:00Z';
const AFTER = '2031-03-11T17:30:00Z';

const kinds: Record<string, NotificationIntent> = {
  'meeting invitation (before DST)': invitationNotice(meeting(BEFORE), body, to),
  'meeting invitation (after DST)': invitationNotice(meeting(AFTER), body, to),
  'meeting changed': changeNotice(meeting(AFTER), body, to, 'Room change'),
  'meeting cancelled': cancellationNotice(meeting(BEFORE), body, to, null),
  'agenda published, translation to follow': agendaPublishedNotice(
    meeting(AFTER, { agendaTranslationToFollow: true, title: bilingual(null, 'Réunion du groupe de travail') }),
    body,
    to,
  ),
  'agenda translation available': agendaTranslationNotice(meeting(AFTER), body, to),
  'action item assigned': assignmentNotice(item, 1, body),
  'action item due soon': deadlineNotice(item, 'due_soon'),
  'action item overdue': deadlineNotice(item, 'overdue'),
  'action item escalated': escalationNotice(item, ['u']),
};

describe('notification texts per recipient', () => {
  it('states each time in the recipient zone with its abbreviation, across the DST change', () => {
    const when = (intent: NotificationIntent, reader: string) => renderNotification(intent, readers[reader]).body;
    const before = kinds['meeting invitation (before DST)'];
    const after = kinds['meeting invitation (after DST)'];
    expect(when(before, 'en NL')).toContain(`meets on Friday, March 7, 2031 at 2:00${NB}p.m.${NB}NST.`);
    expect(when(after, 'en NL')).toContain(`meets on Tuesday, March 11, 2031 at 3:00${NB}p.m.${NB}NDT.`);
    expect(when(before, 'fr NL')).toContain(`se réunit le vendredi 7 mars 2031 à 14${NB}h${NB}HNT.`);
    expect(when(after, 'fr NL')).toContain(`se réunit le mardi 11 mars 2031 à 15${NB}h${NB}HAT.`);
    expect(when(before, 'en SK')).toContain(`at 11:30${NB}a.m.${NB}CST.`);
    expect(when(after, 'en SK')).toContain(`at 11:30${NB}a.m.${NB}CST.`);
    expect(when(after, 'fr SK')).toContain(`à 11${NB}h${NB}30${NB}HNC.`);
    expect(when(before, 'en BC')).toContain(`at 9:30${NB}a.m.${NB}PST.`);
    expect(when(after, 'en BC')).toContain(`at 10:30${NB}a.m.${NB}PDT.`);
    expect(when(after, 'fr BC')).toContain(`à 10${NB}h${NB}30${NB}HAP.`);
  });

  it('writes French with its typography and the content in French, or marked when only English exists', () => {
    const fr = readers['fr BC'];
    expect(renderNotification(kinds['meeting invitation (after DST)'], fr).title).toBe(`Invitation${NB}: Groupe de travail sur l’asile${NB}: 3e réunion`);
    expect(renderNotification(kinds['action item assigned'], fr).body).toBe(
      `Votre gouvernement est responsable de la mesure «${NB}Share weekly arrival figures (en anglais seulement)${NB}» (Groupe de travail sur l’asile et la migration irrégulière), à réaliser d’ici le 14 mars 2031.`,
    );
    expect(renderNotification(kinds['agenda published, translation to follow'], readers['en NL']).title).toBe(
      'Agenda published: Réunion du groupe de travail (French only)',
    );
  });

  for (const [kind, intent] of Object.entries(kinds)) {
    it(`${kind}: in-app and email, EN and FR, NL/SK/BC`, () => {
      const shown = Object.fromEntries(
        Object.entries(readers).map(([name, reader]) => {
          const n = renderNotification(intent, reader);
          const email = notificationEmail(reader.locale, 'https://forum.example', { ...n, link: intent.link ?? null });
          return [name, { inApp: n, email }];
        }),
      );
      expect(shown).toMatchSnapshot();
    });
  }
});
