import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { DomainEvent, NotificationIntent } from '@forum/contracts';
import { EventRecorder, contentFor, formatDay } from '@forum/core';
import type { ActionItem } from './action-item.entity';
import { ActionItemRepository, DeadlineNoticeRepository, type DeadlineCandidate } from './action-item.repository';
import { todayIn } from './accountability.service';
import { DUE_SOON_DAYS, ESCALATE_AFTER_DAYS, thresholdsReached, type DeadlineThreshold } from './deadline.rule';

export type DeadlineScanResult = Record<DeadlineThreshold, number>;

/**
 * Finds open items that are due soon, overdue, or overdue long enough to escalate, and notifies each
 * threshold once per item and due date (the notice row is claimed in the same transaction as the events).
 */
@Injectable()
export class DeadlineScanService {
  private readonly logger = new Logger('ActionItemDeadlines');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: ActionItemRepository,
    private readonly notices: DeadlineNoticeRepository,
    private readonly events: EventRecorder,
  ) {}

  async scanDeadlines(now = new Date()): Promise<DeadlineScanResult> {
    const result: DeadlineScanResult = { due_soon: 0, overdue: 0, escalated: 0 };
    // A day of margin: somewhere in Canada it may already be tomorrow.
    const dueBy = DateTime.fromJSDate(now, { zone: 'utc' })
      .plus({ days: DUE_SOON_DAYS + 1 })
      .toISODate()!;
    const candidates = await this.items.findOpenDueBy(dueBy);
    let secretariat: string[] | null = null;
    for (const candidate of candidates) {
      const reached = thresholdsReached(candidate.item.status, candidate.item.dueOn, todayIn(candidate.leadTimeZone, now));
      if (!reached.length) continue;
      if (reached.includes('escalated')) secretariat ??= await this.items.secretariatUserIds();
      const notified = await this.notify(candidate, reached, secretariat ?? [], now);
      for (const threshold of notified) result[threshold] += 1;
    }
    if (result.due_soon || result.overdue || result.escalated) this.logger.log(`deadline scan: ${JSON.stringify(result)}`);
    return result;
  }

  private notify(candidate: DeadlineCandidate, reached: DeadlineThreshold[], secretariat: string[], now: Date): Promise<DeadlineThreshold[]> {
    const { item, parentBodyId } = candidate;
    return this.dataSource.transaction(async (em) => {
      const claimed: DeadlineThreshold[] = [];
      for (const threshold of reached) {
        if (await this.notices.claim(item.id, threshold, item.dueOn, em)) claimed.push(threshold);
      }
      if (!claimed.length) return claimed;
      const events: DomainEvent[] = claimed.map((threshold) => ({
        name: 'action-item.deadline',
        payload: { id: item.id, bodyId: item.bodyId, threshold },
        audience: { kind: 'body', bodyId: item.bodyId },
        context: { dueOn: item.dueOn, leadGovernmentId: item.leadGovernmentId },
        notify: [threshold === 'escalated' ? escalationNotice(item, secretariat) : deadlineNotice(item, threshold)],
      }));
      if (claimed.includes('escalated')) {
        await this.items.markEscalated(item.id, parentBodyId, now, em);
        // The parent body is where the escalated item is flagged: its members hear of it too.
        if (parentBodyId) {
          events.push({
            name: 'action-item.deadline',
            payload: { id: item.id, bodyId: item.bodyId, threshold: 'escalated' },
            audience: { kind: 'body', bodyId: parentBodyId },
            context: { escalatedToBodyId: parentBodyId },
          });
        }
      }
      await this.events.record(
        em,
        {
          actorUserId: null,
          action: 'action-item.deadline',
          entityType: 'action_item',
          entityId: item.id,
          changes: { thresholds: claimed, dueOn: item.dueOn },
        },
        events,
      );
      return claimed;
    });
  }
}

const leadRecipients = (item: ActionItem): NotificationIntent['recipients'] =>
  item.responsibleUserIds.length ? { userIds: item.responsibleUserIds } : { governmentIds: [item.leadGovernmentId] };

export function deadlineNotice(item: ActionItem, threshold: 'due_soon' | 'overdue'): NotificationIntent {
  const dueSoon = threshold === 'due_soon';
  const t = { en: contentFor(item.title, 'en'), fr: contentFor(item.title, 'fr') };
  const due = { en: formatDay(item.dueOn, 'en'), fr: formatDay(item.dueOn, 'fr') };
  return {
    category: 'action_items',
    key: `action-item:${item.id}:${threshold}:${item.dueOn}`,
    recipients: leadRecipients(item),
    subject: dueSoon
      ? { en: `Action item due on ${due.en}: ${t.en}`, fr: `Mesure à réaliser d’ici le ${due.fr} : ${t.fr}` }
      : { en: `Action item overdue: ${t.en}`, fr: `Mesure en retard : ${t.fr}` },
    body: dueSoon
      ? { en: `"${t.en}" is due within ${DUE_SOON_DAYS} days (${due.en}).`, fr: `« ${t.fr} » arrive à échéance d’ici ${DUE_SOON_DAYS} jours (${due.fr}).` }
      : { en: `"${t.en}" was due on ${due.en} and is not done.`, fr: `« ${t.fr} » devait être réalisée le ${due.fr} et ne l’est pas.` },
    link: `/action-items/${item.id}`,
  };
}

export function escalationNotice(item: ActionItem, secretariat: string[]): NotificationIntent {
  const t = { en: contentFor(item.title, 'en'), fr: contentFor(item.title, 'fr') };
  const due = { en: formatDay(item.dueOn, 'en'), fr: formatDay(item.dueOn, 'fr') };
  return {
    category: 'action_items',
    key: `action-item:${item.id}:escalated:${item.dueOn}`,
    recipients: { userIds: secretariat },
    subject: { en: `Escalated: ${t.en}`, fr: `Signalement : ${t.fr}` },
    body: {
      en: `"${t.en}" is more than ${ESCALATE_AFTER_DAYS} days overdue (due ${due.en}); it is flagged on the parent body.`,
      fr: `« ${t.fr} » a plus de ${ESCALATE_AFTER_DAYS} jours de retard (échéance le ${due.fr}); elle est signalée à l’instance parente.`,
    },
    link: `/action-items/${item.id}`,
  };
}
