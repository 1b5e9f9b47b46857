import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale, UserRole } from '@forum/contracts';

@Entity('user_account')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** stored lower-cased: one person, one account, whatever the capitals they type */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 20 })
  role: UserRole;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  governmentId: string | null;

  @Column({ type: 'varchar', length: 2, default: 'en' })
  locale: Locale;

  /** the user's own IANA zone; null means their government's */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timeZone: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
