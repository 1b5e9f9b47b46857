import type { BilingualFields, TranslationState } from './bilingual';

export const DOCUMENT_LANGUAGES = ['en', 'fr', 'bilingual'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

export const DOCUMENT_ACCESS = ['members', 'restricted'] as const;
export type DocumentAccess = (typeof DOCUMENT_ACCESS)[number];

/** The Government of Canada's levels for sensitive information outside the national-security classifications, lowest first. */
export const DOCUMENT_MARKINGS = ['unclassified', 'protected_a', 'protected_b'] as const;
export type DocumentMarking = (typeof DOCUMENT_MARKINGS)[number];

export interface DocumentVersionView {
  number: number;
  size: number;
  /** hex SHA-256 of the bytes */
  sha256: string;
  contentType: string;
  fileName: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

export type DocumentView = {
  id: string;
  bodyId: string;
  meetingId: string | null;
  agendaItemId: string | null;
  language: DocumentLanguage;
  access: DocumentAccess;
  /** restricted: the governments (besides the secretariat) that may read it; empty for `members` */
  governmentIds: string[];
  marking: DocumentMarking;
  counterpartId: string | null;
  versions: DocumentVersionView[];
  translation: TranslationState;
  createdAt: string;
  updatedAt: string;
} & BilingualFields<'title'>;
