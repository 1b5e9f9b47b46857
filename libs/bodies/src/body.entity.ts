import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BodyKind, Locale } from '@forum/contracts';
import { BilingualText, SearchVectors } from '@forum/core';

/** A table, working group, subgroup or task force of the forum; the forum is a tree of bodies. */
@Entity('body')
// the search's GIN indexes (on search_en, search_fr): TypeORM has no GIN, the migrations make them
@Index('body_search_en', { synchronize: false })
@Index('body_search_fr', { synchronize: false })
export class Body {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column(() => BilingualText)
  name: BilingualText;

  @Column({ type: 'varchar', length: 20 })
  kind: BodyKind;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'boolean', default: true })
  permanent: boolean;

  @Column({ type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Column(() => BilingualText)
  mandate: BilingualText;

  /** the language the record's texts were first written in */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  sourceLang: Locale;

  /** share of non-observer members that must be present, in percent; a majority (more than 50) by default */
  @Column({ type: 'int', default: 50 })
  quorumPercent: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** what the search matches and ranks, kept by a trigger from the texts */
  @Column(() => SearchVectors)
  search?: SearchVectors;
}
