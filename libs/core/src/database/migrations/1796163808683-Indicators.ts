import { MigrationInterface, QueryRunner } from 'typeorm';

/** Shared indicators: the indicators of a body, each government's monthly figures and their revisions, alerts and reminders. */
export class Indicators1796163808683 implements MigrationInterface {
  name = 'Indicators1796163808683';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "indicator" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "code" character varying(40) NOT NULL, "source_lang" character varying(2) NOT NULL DEFAULT 'en', "unit" character varying(40) NOT NULL, "frequency" character varying(10) NOT NULL DEFAULT 'monthly', "source" character varying(300), "warning_at" numeric(16,2), "surge_at" numeric(16,2), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name_en" text, "name_fr" text, "definition_en" text, "definition_fr" text, CONSTRAINT "UQ_indicator_body_code" UNIQUE ("body_id", "code"), CONSTRAINT "PK_4693fe4c2cb912a71e05c589e7e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_83bc8599dec5d124aea4e21b0b" ON "indicator" ("body_id")`);
    await queryRunner.query(
      `CREATE TABLE "indicator_observation" ("indicator_id" uuid NOT NULL, "government_id" uuid NOT NULL, "period" character(7) NOT NULL, "value" numeric(16,2) NOT NULL, "note" character varying(2000), "revision" integer NOT NULL, "reported_by" uuid NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a28996533b33ea4e34be3ceb053" PRIMARY KEY ("indicator_id", "government_id", "period"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "indicator_observation_revision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "indicator_id" uuid NOT NULL, "government_id" uuid NOT NULL, "period" character(7) NOT NULL, "revision" integer NOT NULL, "value" numeric(16,2) NOT NULL, "previous_value" numeric(16,2), "note" character varying(2000), "revised_by" uuid NOT NULL, "revised_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_471ed68965db90b57768a7a24c2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_9564b4af88d6cd8bc583d95bb2" ON "indicator_observation_revision" ("indicator_id", "government_id", "period", "revision")`,
    );
    await queryRunner.query(
      `CREATE TABLE "indicator_alert" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "indicator_id" uuid NOT NULL, "period" character(7) NOT NULL, "level" character varying(10) NOT NULL, "total" numeric(16,2) NOT NULL, "slots" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_indicator_alert_period_level" UNIQUE ("indicator_id", "period", "level"), CONSTRAINT "PK_77926a4facd4f5840e97b049b88" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "indicator_reminder" ("indicator_id" uuid NOT NULL, "government_id" uuid NOT NULL, "period" character(7) NOT NULL, "reminded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7aef32102ce65f3575f721a9740" PRIMARY KEY ("indicator_id", "government_id", "period"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "indicator_reminder"`);
    await queryRunner.query(`DROP TABLE "indicator_alert"`);
    await queryRunner.query(`DROP TABLE "indicator_observation_revision"`);
    await queryRunner.query(`DROP TABLE "indicator_observation"`);
    await queryRunner.query(`DROP TABLE "indicator"`);
  }
}
