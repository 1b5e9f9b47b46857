import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale } from '@forum/contracts';
import { BilingualText } from '@forum/core';
import { centsTransformer } from './cents.transformer';

/** Money a government puts up for others to claim against, on terms agreed at a body. */
@Entity('funding_program')
@Index(['bodyId', 'eligibleFrom'])
export class FundingProgram {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bodyId: string;

  @Column(() => BilingualText)
  name: BilingualText;

  @Column(() => BilingualText)
  terms: BilingualText;

  @Column({ type: 'varchar', length: 2 })
  sourceLang: Locale;

  @Column({ type: 'uuid' })
  fundingGovernmentId: string;

  /** null: no ceiling agreed */
  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  budgetCents: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  ratePerClaimantCents: number | null;

  @Column({ type: 'date' })
  eligibleFrom: string;

  @Column({ type: 'date' })
  eligibleTo: string;

  @Column({ type: 'uuid', nullable: true })
  decisionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actionItemId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
