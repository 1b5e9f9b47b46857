import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A signed-in browser or client: the access tokens it is given carry its id, and the refresh token in its
 * HttpOnly cookie rotates on every refresh. Revoking the row ends the session everywhere at once.
 */
@Entity('session')
export class Session {
  @PrimaryColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  /** SHA-256 of the current refresh token; an older one presented again is a reuse and revokes the session */
  @Column({ type: 'varchar', length: 64 })
  refreshHash: string;

  /** the refresh token it replaced: accepted for a few seconds (two tabs refreshing at once), never rotated again */
  @Column({ type: 'varchar', length: 64, nullable: true })
  previousRefreshHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lastUsedAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** logout, logout_everywhere, password_reset, deactivated, role_changed, refresh_reuse */
  @Column({ type: 'varchar', length: 40, nullable: true })
  revokedReason: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address: string | null;
}
