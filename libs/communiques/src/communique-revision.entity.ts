import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface Footnotes {
  en: string[];
  fr: string[];
}

/** One saved text of a communiqué, numbered from 1, never changed once written (except when it is made public). */
@Entity('communique_revision')
@Index('communique_revision_number', ['communiqueId', 'number'], { unique: true })
export class CommuniqueRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  communiqueId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'varchar', length: 300 })
  titleEn: string;

  @Column({ type: 'varchar', length: 300 })
  titleFr: string;

  @Column({ type: 'text' })
  bodyEn: string;

  @Column({ type: 'text' })
  bodyFr: string;

  @Column({ type: 'uuid', nullable: true })
  authorUserId: string | null;

  /** a correction of published text, made public at once with its note */
  @Column({ type: 'boolean', default: false })
  isCorrection: boolean;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  correctionNoteEn: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  correctionNoteFr: string | null;

  /** generated at publication (observers, reservations) and frozen with the public text */
  @Column({ type: 'jsonb', nullable: true })
  footnotes: Footnotes | null;

  /** when this revision became public; null for every revision the public never saw */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
