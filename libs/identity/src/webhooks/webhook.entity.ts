import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A subscription of an outside system to realtime event names, optionally one body's or one government's view. */
@Entity('webhook')
export class Webhook {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'jsonb' })
  events: string[];

  @Column({ type: 'uuid', nullable: true })
  bodyId: string | null;

  /** bound to a government: receives only what that government's officials may see */
  @Column({ type: 'uuid', nullable: true })
  governmentId: string | null;

  /** the HMAC signing secret, sealed with FORUM_SECRETS_KEY */
  @Column({ type: 'varchar', length: 300 })
  secretSealed: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Index()
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
