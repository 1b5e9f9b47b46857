import { MigrationInterface, QueryRunner } from 'typeorm';

export class Meetings1795558495423 implements MigrationInterface {
  name = 'Meetings1795558495423';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "meeting" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "title" character varying(300) NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "location" character varying(500),
                "video_url" character varying(2000),
                "status" character varying(20) NOT NULL DEFAULT 'scheduled',
                "sequence" integer NOT NULL DEFAULT '0',
                "reschedule_reason" character varying(2000),
                "cancellation_reason" character varying(2000),
                "agenda_published_at" TIMESTAMP WITH TIME ZONE,
                "agenda_revision" integer NOT NULL DEFAULT '0',
                "minutes" text,
                "minutes_updated_at" TIMESTAMP WITH TIME ZONE,
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_dccaf9e4c0e39067d82ccc7bb83" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bd206c23484c7665792c7590fc" ON "meeting" ("starts_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f95579f568ff54e82e2ada0872" ON "meeting" ("body_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "meeting_delegate" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "government_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2d06fcc8d09e306b7afa575a3c1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_493515c20775dd0064bbac672b" ON "meeting_delegate" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "meeting_delegate_once" ON "meeting_delegate" ("meeting_id", "user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "meeting_decision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "body_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "agenda_item_id" uuid,
                "text" text NOT NULL,
                "origin_decision_id" uuid,
                "referred_to_body_id" uuid,
                "referred_at" TIMESTAMP WITH TIME ZONE,
                "referred_by_user_id" uuid,
                "referral_note" character varying(2000),
                "recorded_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meeting_decision_number_once" UNIQUE ("meeting_id", "number"),
                CONSTRAINT "PK_6787600e55cc73688b127a1cd93" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_96070f4f87305bf609aba45391" ON "meeting_decision" ("body_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_be4c4cc2633092db7e43d051b7" ON "meeting_decision" ("origin_decision_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b6176af1761c8f8e2a94e7b526" ON "meeting_decision" ("referred_to_body_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "meeting_attendance" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "government_id" uuid NOT NULL,
                "status" character varying(20) NOT NULL,
                "delegate_user_ids" uuid array NOT NULL DEFAULT '{}',
                "recorded_by_user_id" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meeting_attendance_once" UNIQUE ("meeting_id", "government_id"),
                CONSTRAINT "PK_1ece13054cdfcd65f8487e71267" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_feed_token" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "label" character varying(100),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_e016889d5c740abfa7277e0431b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_55699e77827f515c313957e993" ON "calendar_feed_token" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_da3743af69f31ffd278f363bce" ON "calendar_feed_token" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "agenda_paper" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "agenda_item_id" uuid NOT NULL,
                "meeting_id" uuid NOT NULL,
                "title" character varying(300) NOT NULL,
                "url" character varying(2000),
                "file_name" character varying(255),
                "content_type" character varying(100),
                "size_bytes" integer,
                "content" bytea,
                "uploaded_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_653fb5025316b870abf9633ef40" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d902dc491f0c3e670ca868696a" ON "agenda_paper" ("agenda_item_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "agenda_item" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "title" character varying(300) NOT NULL,
                "purpose" character varying(20) NOT NULL,
                "duration_minutes" integer NOT NULL,
                "presenter_government_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "agenda_item_position_once" UNIQUE ("meeting_id", "position") DEFERRABLE INITIALLY DEFERRED,
                CONSTRAINT "PK_413623e61232799619c2e0a1d42" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_4d88141b534e8aad85bb583eb3" ON "agenda_item" ("meeting_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_4d88141b534e8aad85bb583eb3"
        `);
    await queryRunner.query(`
            DROP TABLE "agenda_item"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d902dc491f0c3e670ca868696a"
        `);
    await queryRunner.query(`
            DROP TABLE "agenda_paper"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_da3743af69f31ffd278f363bce"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_55699e77827f515c313957e993"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_feed_token"
        `);
    await queryRunner.query(`
            DROP TABLE "meeting_attendance"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b6176af1761c8f8e2a94e7b526"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_be4c4cc2633092db7e43d051b7"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_96070f4f87305bf609aba45391"
        `);
    await queryRunner.query(`
            DROP TABLE "meeting_decision"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."meeting_delegate_once"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_493515c20775dd0064bbac672b"
        `);
    await queryRunner.query(`
            DROP TABLE "meeting_delegate"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f95579f568ff54e82e2ada0872"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bd206c23484c7665792c7590fc"
        `);
    await queryRunner.query(`
            DROP TABLE "meeting"
        `);
  }
}
