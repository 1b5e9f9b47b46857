import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The provider's `sub` linked to an account on first single sign-on, required on every sign-in after. */
@Entity('oidc_link')
@Index(['providerId', 'subject'], { unique: true })
export class OidcLink {
  @PrimaryColumn('uuid')
  userId: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
