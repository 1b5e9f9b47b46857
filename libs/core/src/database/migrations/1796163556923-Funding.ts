import { MigrationInterface, QueryRunner } from 'typeorm';

/** Funding and cost recovery: programs, claims against them, and every step of a claim. */
export class Funding1796163556923 implements MigrationInterface {
  name = 'Funding1796163556923';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "funding_program" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "source_lang" character varying(2) NOT NULL, "funding_government_id" uuid NOT NULL, "budget_cents" bigint, "rate_per_claimant_cents" bigint, "eligible_from" date NOT NULL, "eligible_to" date NOT NULL, "decision_id" uuid, "action_item_id" uuid, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name_en" text, "name_fr" text, "terms_en" text, "terms_fr" text, CONSTRAINT "PK_8a7d03cee9972c4710ab25172e6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_71650f6cae76c1abe9d3fd3cef" ON "funding_program" ("body_id", "eligible_from") `);
    await queryRunner.query(
      `CREATE TABLE "funding_claim" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "body_id" uuid NOT NULL, "claimant_government_id" uuid NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "claimants" integer, "requested_cents" bigint NOT NULL, "approved_cents" bigint, "paid_cents" bigint NOT NULL DEFAULT '0', "status" character varying(20) NOT NULL DEFAULT 'submitted', "source_lang" character varying(2) NOT NULL, "evidence_document_ids" uuid array NOT NULL DEFAULT '{}', "submitted_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "description_en" text, "description_fr" text, CONSTRAINT "PK_71ff581122102161ffca5e4a280" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7cab9ed0a88e12bd9c60861fc7" ON "funding_claim" ("claimant_government_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c3305c6f3ce29a290e39265eae" ON "funding_claim" ("program_id", "status") `);
    await queryRunner.query(
      `CREATE TABLE "funding_claim_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "claim_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "amount_cents" bigint, "paid_on" date, "source_lang" character varying(2), "actor_user_id" uuid, "actor_government_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "comment_en" text, "comment_fr" text, CONSTRAINT "PK_78a75e0f84579715bd4fef8b4c5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_719e84bf0a716a6cfcf6bd70a2" ON "funding_claim_event" ("claim_id", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_719e84bf0a716a6cfcf6bd70a2"`);
    await queryRunner.query(`DROP TABLE "funding_claim_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c3305c6f3ce29a290e39265eae"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7cab9ed0a88e12bd9c60861fc7"`);
    await queryRunner.query(`DROP TABLE "funding_claim"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_71650f6cae76c1abe9d3fd3cef"`);
    await queryRunner.query(`DROP TABLE "funding_program"`);
  }
}
