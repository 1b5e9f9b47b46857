import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FundingClaimStatus, Locale } from '@forum/contracts';
import { BilingualText } from '@forum/core';
import { centsTransformer } from './cents.transformer';

/** A government's claim against a program for services it delivered over a period. */
@Entity('funding_claim')
@Index(['programId', 'status'])
@Index(['claimantGovernmentId'])
export class FundingClaim {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programId: string;

  /** the program's body, kept here so access is one lookup */
  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'uuid' })
  claimantGovernmentId: string;

  @Column({ type: 'date' })
  periodFrom: string;

  /** inclusive */
  @Column({ type: 'date' })
  periodTo: string;

  @Column({ type: 'int', nullable: true })
  claimants: number | null;

  @Column({ type: 'bigint', transformer: centsTransformer })
  requestedCents: number;

  /** set by an approval: at most requestedCents */
  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  approvedCents: number | null;

  @Column({ type: 'bigint', default: 0, transformer: centsTransformer })
  paidCents: number;

  @Column({ type: 'varchar', length: 20, default: 'submitted' })
  status: FundingClaimStatus;

  @Column(() => BilingualText)
  description: BilingualText;

  @Column({ type: 'varchar', length: 2 })
  sourceLang: Locale;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  evidenceDocumentIds: string[];

  @Column({ type: 'uuid', nullable: true })
  submittedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
