import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { IndicatorFrequency, IndicatorLevel, Locale } from '@forum/contracts';
import { BilingualText } from '@forum/core';

/** numeric columns come back from pg as strings; figures are read as numbers (at most 2 decimals) */
const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('indicator')
@Unique('UQ_indicator_body_code', ['bodyId', 'code'])
export class Indicator {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  bodyId: string;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column(() => BilingualText)
  name: BilingualText;

  @Column(() => BilingualText)
  definition: BilingualText;

  @Column({ type: 'varchar', length: 2, default: 'en' })
  sourceLang: Locale;

  @Column({ type: 'varchar', length: 40 })
  unit: string;

  @Column({ type: 'varchar', length: 10, default: 'monthly' })
  frequency: IndicatorFrequency;

  @Column({ type: 'varchar', length: 300, nullable: true })
  source: string | null;

  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true, transformer: numeric })
  warningAt: number | null;

  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true, transformer: numeric })
  surgeAt: number | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One government's figure for one month, as last reported; its revisions are kept beside it. */
@Entity('indicator_observation')
export class IndicatorObservation {
  @PrimaryColumn({ type: 'uuid' })
  indicatorId: string;

  @PrimaryColumn({ type: 'uuid' })
  governmentId: string;

  /** YYYY-MM */
  @PrimaryColumn({ type: 'char', length: 7 })
  period: string;

  @Column({ type: 'numeric', precision: 16, scale: 2, transformer: numeric })
  value: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'uuid' })
  reportedBy: string;

  @Column({ type: 'timestamptz' })
  reportedAt: Date;
}

@Entity('indicator_observation_revision')
@Index(['indicatorId', 'governmentId', 'period', 'revision'], { unique: true })
export class IndicatorObservationRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  indicatorId: string;

  @Column({ type: 'uuid' })
  governmentId: string;

  @Column({ type: 'char', length: 7 })
  period: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'numeric', precision: 16, scale: 2, transformer: numeric })
  value: number;

  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true, transformer: numeric })
  previousValue: number | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  revisedBy: string;

  @Column({ type: 'timestamptz' })
  revisedAt: Date;
}

/** A period whose total reached a level: raised once per indicator, period and level. */
@Entity('indicator_alert')
@Unique('UQ_indicator_alert_period_level', ['indicatorId', 'period', 'level'])
export class IndicatorAlert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  indicatorId: string;

  @Column({ type: 'char', length: 7 })
  period: string;

  @Column({ type: 'varchar', length: 10 })
  level: Exclude<IndicatorLevel, 'normal'>;

  @Column({ type: 'numeric', precision: 16, scale: 2, transformer: numeric })
  total: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  slots: { startsAt: string; endsAt: string }[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A government reminded to report a month: once per indicator, period and government. */
@Entity('indicator_reminder')
export class IndicatorReminder {
  @PrimaryColumn({ type: 'uuid' })
  indicatorId: string;

  @PrimaryColumn({ type: 'uuid' })
  governmentId: string;

  @PrimaryColumn({ type: 'char', length: 7 })
  period: string;

  @CreateDateColumn({ type: 'timestamptz' })
  remindedAt: Date;
}
