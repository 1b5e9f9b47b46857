import type { Locale, TranslationState } from '@forum/contracts';
import { bilingualRecordView, textFor } from '@forum/core';
import type { ActionItemPriority, ActionItemStatus } from './action-item-status.rule';
import type { ActionItem } from './action-item.entity';
import type { ActionItemUpdate, ActionItemUpdateKind, FieldChange } from './action-item-update.entity';
import type { CostShare } from './cost-share.rule';

export interface ActionItemView {
  id: string;
  bodyId: string;
  meetingId: string | null;
  decisionId: string | null;
  title: string;
  titleEn: string | null;
  titleFr: string | null;
  description: string | null;
  descriptionEn: string | null;
  descriptionFr: string | null;
  translation: TranslationState;
  leadGovernmentId: string;
  supportingGovernmentIds: string[];
  responsibleUserIds: string[];
  dueOn: string;
  status: ActionItemStatus;
  progress: number;
  priority: ActionItemPriority;
  currency: 'CAD';
  estimatedCostCents: number | null;
  actualCostCents: number | null;
  fundingSource: string | null;
  costShares: CostShare[];
  completedAt: string | null;
  escalatedAt: string | null;
  escalatedToBodyId: string | null;
  createdByUserId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ActionItemUpdateView {
  id: string;
  actionItemId: string;
  kind: ActionItemUpdateKind;
  authorUserId: string | null;
  authorName: string | null;
  authorGovernmentId: string | null;
  note: string | null;
  noteEn: string | null;
  noteFr: string | null;
  translation: TranslationState;
  progress: number | null;
  status: string | null;
  /** the fields this update changed, each with its value before and after */
  changes: Record<string, FieldChange>;
  changedFields: string[];
  version: number;
  createdAt: string;
}

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
