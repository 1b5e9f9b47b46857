import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SearchVectors } from '@forum/core';
import { COMMUNIQUE_STATUSES, type CommuniqueStatus } from '@forum/contracts';

export { COMMUNIQUE_STATUSES, type CommuniqueStatus };

/** A published communiqué whose latest correction still awaits concurrence (the public keeps the published text). */
export const hasPendingCorrection = (c: { status: CommuniqueStatus; correctionRevision: number | null; publishedRevision: number | null }): boolean =>
  c.status === 'published' && c.correctionRevision != null && c.correctionRevision !== c.publishedRevision;

/**
 * A joint communiqué of a body. The text lives in its revisions; the row holds the state and the
 * current text (a copy of the current revision) so lists and searches need no join.
 */
@Entity('communique')
// the search's GIN indexes (on search_en, search_fr): TypeORM has no GIN, the migrations make them
@Index('communique_search_en', { synchronize: false })
@Index('communique_search_fr', { synchronize: false })
@Index('communique_embargo_due_idx', ['embargoUntil'], { where: `status = 'approved' AND embargo_until IS NOT NULL` })
@Index(['status', 'publishedAt'])
export class Communique {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: CommuniqueStatus;

  /** number of the current revision; concurrences are given on exactly this number */
  @Column({ type: 'int', default: 1 })
  currentRevision: number;

  @Column({ type: 'varchar', length: 300, default: '' })
  titleEn: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  titleFr: string;

  @Column({ type: 'text', default: '' })
  bodyEn: string;

  @Column({ type: 'text', default: '' })
  bodyFr: string;

  /** set while an approved communiqué waits for its embargo to lift */
  @Column({ type: 'timestamptz', nullable: true })
  embargoUntil: Date | null;

  /** first publication: the date the public cites */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** the revision the public sees (the first published one, then each correction) */
  @Column({ type: 'int', nullable: true })
  publishedRevision: number | null;

  /** the revision of the latest correction of the published text: in concurrence until it is the published one */
  @Column({ type: 'int', nullable: true })
  correctionRevision: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  withdrawalReasonEn: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  withdrawalReasonFr: string | null;

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
