import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A user's TOTP second factor: the secret sealed with FORUM_SECRETS_KEY, the last accepted time step, recovery codes. */
@Entity('user_mfa')
export class UserMfa {
  @PrimaryColumn('uuid')
  userId: string;

  @Column({ type: 'varchar', length: 300 })
  secretSealed: string;

  /** null until a first code was verified: an enrolment in progress does not change sign-in */
  @Column({ type: 'timestamptz', nullable: true })
  enabledAt: Date | null;

  /** the time step of the last accepted code: a code is accepted once, and never an older one */
  @Column({ type: 'bigint', nullable: true })
  lastTimeStep: string | null;

  /** SHA-256 of each unused recovery code; a used one is removed */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  recoveryHashes: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
