import type { DocumentVersionView, DocumentView, Locale } from '@forum/contracts';
import { bilingualView, translationState } from '@forum/core';
import type { Document, DocumentVersion } from './document.entity';

export const toVersionView = (v: DocumentVersion): DocumentVersionView => ({
  number: v.number,
  size: v.size,
  sha256: v.sha256,
  contentType: v.contentType,
  fileName: v.fileName,
  uploadedBy: v.uploadedByUserId,
  uploadedAt: v.uploadedAt.toISOString(),
});

export const toDocumentView = (d: Document, versions: DocumentVersion[], reader: Locale): DocumentView => ({
  id: d.id,
  bodyId: d.bodyId,
  meetingId: d.meetingId,
  agendaItemId: d.agendaItemId,
  ...bilingualView('title', d.title, reader),
  language: d.language,
  access: d.access,
  governmentIds: d.governmentIds,
  marking: d.marking,
  counterpartId: d.counterpartId,
  versions: versions
    .filter((v) => v.documentId === d.id)
    .sort((a, b) => a.number - b.number)
    .map(toVersionView),
  translation: translationState(d.sourceLang, d.title),
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});
