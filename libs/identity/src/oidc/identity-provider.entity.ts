import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A government's OpenID Connect provider (one at most); the client secret sealed with FORUM_SECRETS_KEY. */
@Entity('identity_provider')
export class IdentityProvider {
  @PrimaryColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  governmentId: string;

  @Column({ type: 'varchar', length: 500 })
  issuer: string;

  @Column({ type: 'varchar', length: 300 })
  clientId: string;

  @Column({ type: 'varchar', length: 2000 })
  clientSecretSealed: string;

  @Column({ type: 'jsonb' })
  emailDomains: string[];

  /** false: this government's officials may no longer sign in with a password */
  @Column({ type: 'boolean', default: true })
  passwordLogin: boolean;

  /** a first sign-in with a verified email of one of the domains creates the official's account */
  @Column({ type: 'boolean', default: false })
  createAccounts: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
