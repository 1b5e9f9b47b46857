import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApiTokenScope } from '@forum/contracts';

/** A service token of another government's system: only the SHA-256 of its secret is kept. */
@Entity('api_token')
export class ApiToken {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  /** a bound token acts as that government's officials; unbound reads what the secretariat reads */
  @Column({ type: 'uuid', nullable: true })
  governmentId: string | null;

  @Column({ type: 'jsonb' })
  scopes: ApiTokenScope[];

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
