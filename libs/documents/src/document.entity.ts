import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DocumentAccess, DocumentLanguage, DocumentMarking, Locale } from '@forum/contracts';
import { BilingualText, SearchVectors } from '@forum/core';

/** A paper in a body's library: its metadata here, its bytes (one per version) in the document storage. */
@Entity('document')
// the search's GIN indexes (on search_en, search_fr): TypeORM has no GIN, the migrations make them
@Index('document_search_en', { synchronize: false })
@Index('document_search_fr', { synchronize: false })
@Index(['bodyId', 'createdAt'])
export class Document {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @Column(() => BilingualText)
  title: BilingualText;

  @Column({ type: 'varchar', length: 2 })
  sourceLang: Locale;

  @Column({ type: 'varchar', length: 10 })
  language: DocumentLanguage;

  @Column({ type: 'varchar', length: 12 })
  access: DocumentAccess;

  /** restricted: the governments that may read it besides the secretariat */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  governmentIds: string[];

  @Column({ type: 'varchar', length: 14 })
  marking: DocumentMarking;

  @Column({ type: 'uuid', nullable: true })
  counterpartId: string | null;

  @Column({ type: 'int', default: 0 })
  latestVersion: number;

  /** the words of the latest version's file, for search (extracted in the worker; never loaded unless asked for) */
  @Column({ type: 'text', nullable: true, select: false })
  contentText: string | null;

  /** extracted, unsupported (found by its title only) or failed; null while the extraction is pending */
  @Column({ type: 'varchar', length: 12, nullable: true })
  contentStatus: 'extracted' | 'unsupported' | 'failed' | null;

  /** the hash of the file the text was read from: a newer version makes it pending again */
  @Column({ type: 'char', length: 64, nullable: true })
  contentSha256: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** what the search matches and ranks, kept by a trigger from the texts */
  @Column(() => SearchVectors)
  search?: SearchVectors;
}

/** One uploaded file of a document; every version is kept. */
@Entity('document_version')
@Index(['documentId', 'number'], { unique: true })
export class DocumentVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size: number;

  /** hex SHA-256 of the bytes; also their key in the storage (content-addressed) */
  @Index()
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 150 })
  contentType: string;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt: Date;
}
