import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { JoinRequestStatus, Locale } from '@forum/contracts';
import { BilingualText } from '@forum/core';

/** A municipality or FCM asking for a seat at a working group; decided by the secretariat or a co-chair. */
@Entity('join_request')
@Index('join_request_one_pending', ['bodyId', 'governmentId'], { unique: true, where: `status = 'pending'` })
export class JoinRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  bodyId: string;

  @Index()
  @Column({ type: 'uuid' })
  governmentId: string;

  @Column({ type: 'uuid' })
  requestedByUserId: string;

  @Column(() => BilingualText)
  message: BilingualText;

  /** the language the record's texts were first written in */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  sourceLang: Locale;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: JoinRequestStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column(() => BilingualText)
  reason: BilingualText;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
