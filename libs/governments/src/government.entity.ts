import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { GovernmentLevel } from '@forum/contracts';

/** A participant of the forum: a government or an association of governments, never a person. */
@Entity('government')
export class Government {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  nameEn: string;

  @Column({ type: 'varchar', length: 200 })
  nameFr: string;

  /** the French name with its article, as the subject of a generated sentence: « le gouvernement du Québec » */
  @Column({ type: 'varchar', length: 220, nullable: true })
  nameFrWithArticle: string | null;

  @Column({ type: 'varchar', length: 20 })
  level: GovernmentLevel;

  /** IANA zone name, never a fixed offset: Saskatchewan keeps no daylight saving, Newfoundland is UTC−3:30 */
  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  /** order of precedence: every list of governments and every signature block follows it */
  @Index()
  @Column({ type: 'int' })
  precedence: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
