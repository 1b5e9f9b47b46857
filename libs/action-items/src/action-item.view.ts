import type { Locale } from '@forum/contracts';
import { bilingualRecordView, textFor } from '@forum/core';
import type { ActionItem } from './action-item.entity';
import type { ActionItemUpdate } from './action-item-update.entity';
import type { ActionItemView, ActionItemUpdateView } from '@forum/contracts';

export type { ActionItemView, ActionItemUpdateView } from '@forum/contracts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toActionItemView = (a: ActionItem, reader: Locale = 'en'): ActionItemView => ({
  id: a.id,
  bodyId: a.bodyId,
  meetingId: a.meetingId,
  decisionId: a.decisionId,
  ...bilingualRecordView(reader, a.sourceLang, { title: a.title, description: a.description }),
  title: textFor(a.title, reader).text ?? '',
  leadGovernmentId: a.leadGovernmentId,
  supportingGovernmentIds: a.supportingGovernmentIds ?? [],
  responsibleUserIds: a.responsibleUserIds ?? [],
  dueOn: a.dueOn,
  status: a.status,
  progress: a.progress,
  priority: a.priority,
  currency: 'CAD',
  estimatedCostCents: a.estimatedCostCents,
  actualCostCents: a.actualCostCents,
  fundingSource: a.fundingSource,
  costShares: (a.costShares ?? []).map((s) => ({ governmentId: s.governmentId, basisPoints: s.basisPoints })),
  completedAt: iso(a.completedAt),
  escalatedAt: iso(a.escalatedAt),
  escalatedToBodyId: a.escalatedToBodyId,
  createdByUserId: a.createdByUserId,
  version: a.version,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const toActionItemUpdateView = (u: ActionItemUpdate, authorName: string | null = null, reader: Locale = 'en'): ActionItemUpdateView => ({
  id: u.id,
  actionItemId: u.actionItemId,
  kind: u.kind,
  authorUserId: u.authorUserId,
  authorName,
  authorGovernmentId: u.authorGovernmentId,
  ...bilingualRecordView(reader, u.sourceLang, { note: u.note }),
  progress: u.progress,
  status: u.status,
  changes: u.changes ?? {},
  changedFields: Object.keys(u.changes ?? {}),
  version: u.version,
  createdAt: u.createdAt.toISOString(),
});
