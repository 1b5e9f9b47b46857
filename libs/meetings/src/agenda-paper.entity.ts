import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BilingualText } from '@forum/core';
import type { Locale } from '@forum/contracts';

/** A paper for an agenda item: a link, or a small uploaded file kept in the database. */
@Entity('agenda_paper')
export class AgendaPaper {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** null once its agenda item was deleted: the paper stays with the meeting (detached, never deleted) */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column(() => BilingualText)
  title: BilingualText;

  /** the language the record's texts were first written in */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  sourceLang: Locale;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  fileName: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contentType: string | null;

  @Column({ type: 'int', nullable: true })
  sizeBytes: number | null;

  /** never loaded with the list: only the download reads it */
  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;

  @Column({ type: 'uuid', nullable: true })
  uploadedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
