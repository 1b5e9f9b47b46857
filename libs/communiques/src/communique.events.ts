import type { DomainEvent, JobIntent, NotificationIntent } from '@forum/contracts';
import { QUEUES } from '@forum/contracts';
import type { Communique } from './communique.entity';

export const EMBARGO_JOB = 'communiques.publish-embargoed';

const link = (c: Communique) => `/communiques/${c.id}`;
const titles = (c: Communique) => ({ en: c.titleEn || 'Joint communiqué', fr: c.titleFr || 'Communiqué conjoint' });

/** Every change of a communiqué, to the members of its body: clients refetch. */
export const communiqueUpdated = (
  c: Communique,
  context?: Record<string, unknown>,
  notify: NotificationIntent[] = [],
  jobs: JobIntent[] = [],
): DomainEvent<'communique.updated'> => ({
  name: 'communique.updated',
  payload: { id: c.id, bodyId: c.bodyId, status: c.status },
  audience: { kind: 'body', bodyId: c.bodyId },
  context: { revision: c.currentRevision, ...context },
  notify,
  jobs,
});

/** Publication (and each correction) is for everyone, the public too. */
export const communiquePublished = (c: Communique, notify: NotificationIntent[] = []): DomainEvent<'communique.published'> => ({
  name: 'communique.published',
  payload: { id: c.id },
  audience: { kind: 'public' },
  context: { bodyId: c.bodyId, revision: c.publishedRevision },
  notify,
});

export function awaitingConcurrence(c: Communique, governmentIds: string[]): NotificationIntent[] {
  if (!governmentIds.length) return [];
  const t = titles(c);
  return [
    {
      category: 'communiques',
      key: `communique.awaiting:${c.id}:${c.currentRevision}`,
      recipients: { governmentIds },
      subject: { en: `Your concurrence is awaited: ${t.en}`, fr: `Votre accord est attendu : ${t.fr}` },
      body: {
        en: `Revision ${c.currentRevision} of the joint communiqué "${t.en}" awaits your government's concurrence.`,
        fr: `La révision ${c.currentRevision} du communiqué conjoint « ${t.fr} » attend l’accord de votre gouvernement.`,
      },
      link: link(c),
    },
  ];
}

export function concurrencesVoided(c: Communique, voidedRevision: number, governmentIds: string[]): NotificationIntent[] {
  if (!governmentIds.length) return [];
  const t = titles(c);
  return [
    {
      category: 'communiques',
      key: `communique.voided:${c.id}:${voidedRevision}`,
      recipients: { governmentIds },
      subject: { en: `Text changed, concurrence voided: ${t.en}`, fr: `Texte modifié, accord annulé : ${t.fr}` },
      body: {
        en: `The joint communiqué "${t.en}" was edited after your government took a position on revision ${voidedRevision}. That position no longer counts; revision ${c.currentRevision} awaits your concurrence.`,
        fr: `Le communiqué conjoint « ${t.fr} » a été modifié après la position de votre gouvernement sur la révision ${voidedRevision}. Cette position ne compte plus; la révision ${c.currentRevision} attend votre accord.`,
      },
      link: link(c),
    },
  ];
}

export function communiquePublishedNotice(c: Communique, governmentIds: string[], kind: 'published' | 'corrected' = 'published'): NotificationIntent[] {
  if (!governmentIds.length) return [];
  const t = titles(c);
  const corrected = kind === 'corrected';
  return [
    {
      category: 'communiques',
      key: `communique.${kind}:${c.id}:${c.publishedRevision}`,
      recipients: { governmentIds },
      subject: corrected ? { en: `Correction published: ${t.en}`, fr: `Correction publiée : ${t.fr}` } : { en: `Published: ${t.en}`, fr: `Publié : ${t.fr}` },
      body: corrected
        ? { en: `A correction of the joint communiqué "${t.en}" was published.`, fr: `Une correction du communiqué conjoint « ${t.fr} » a été publiée.` }
        : { en: `The joint communiqué "${t.en}" is now public.`, fr: `Le communiqué conjoint « ${t.fr} » est maintenant public.` },
      link: link(c),
    },
  ];
}

/** The delayed job that lifts an embargo; its id makes a retried relay add it only once per revision. */
export const embargoJob = (c: Communique, runAt: Date): JobIntent => ({
  queue: QUEUES.embargoes,
  name: EMBARGO_JOB,
  jobId: `embargo:${c.id}:${c.currentRevision}`,
  runAt: runAt.toISOString(),
  data: { communiqueId: c.id, revision: c.currentRevision },
});
