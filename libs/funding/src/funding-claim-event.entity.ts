import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FundingClaimStatus, Locale } from '@forum/contracts';
import { BilingualText } from '@forum/core';
import { centsTransformer } from './cents.transformer';

export type FundingClaimEventKind = 'submitted' | 'approved' | 'rejected' | 'payment' | 'reconciled';

/** One step of a claim (submission, decision, each payment, reconciliation), kept forever with who and when. */
@Entity('funding_claim_event')
@Index(['claimId', 'createdAt'])
export class FundingClaimEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  claimId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: FundingClaimEventKind;

  /** the claim's status after this step */
  @Column({ type: 'varchar', length: 20 })
  status: FundingClaimStatus;

  /** approved amount (a decision) or amount paid (a payment) */
  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  amountCents: number | null;

  @Column({ type: 'date', nullable: true })
  paidOn: string | null;

  /** a decision's comment */
  @Column(() => BilingualText)
  comment: BilingualText;

  @Column({ type: 'varchar', length: 2, nullable: true })
  sourceLang: Locale | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorGovernmentId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
