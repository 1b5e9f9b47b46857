import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795558259742 implements MigrationInterface {
  name = 'Foundation1795558259742';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "outbox_event" (
                "id" BIGSERIAL NOT NULL,
                "name" character varying(80) NOT NULL,
                "payload" jsonb NOT NULL,
                "audience" jsonb NOT NULL,
                "context" jsonb,
                "notify" jsonb,
                "jobs" jsonb,
                "actor_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "relayed_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                CONSTRAINT "PK_cc0c9e40998e45ecfc5e313429d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "outbox_event_pending_idx" ON "outbox_event" ("id")
            WHERE relayed_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_record" (
                "id" BIGSERIAL NOT NULL,
                "actor_user_id" uuid,
                "action" character varying(80) NOT NULL,
                "entity_type" character varying(40) NOT NULL,
                "entity_id" character varying(64) NOT NULL,
                "changes" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2c07dcda4cbae68f1cbbe6d7426" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_5a8054be65f72a7460391be970" ON "audit_record" ("entity_type", "entity_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "user_account" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(254) NOT NULL,
                "display_name" character varying(200) NOT NULL,
                "password_hash" character varying(255),
                "role" character varying(20) NOT NULL,
                "government_id" uuid,
                "locale" character varying(2) NOT NULL DEFAULT 'en',
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6acfec7285fdf9f463462de3e9f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_56a0e4bcec2b5411beafa47ffa" ON "user_account" ("email")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f65eb74677cb50785585531892" ON "user_account" ("government_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "government" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" character varying(12) NOT NULL,
                "name_en" character varying(200) NOT NULL,
                "name_fr" character varying(200) NOT NULL,
                "level" character varying(20) NOT NULL,
                "time_zone" character varying(64) NOT NULL,
                "precedence" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3201b1ee454dd62456f5092e400" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_01a8578f2001c9d7b8088c80ea" ON "government" ("code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2ad3158028b378152d949b0cd8" ON "government" ("precedence")
        `);
    await queryRunner.query(`
            CREATE TABLE "membership" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "government_id" uuid NOT NULL,
                "role" character varying(20) NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f899b288c84f00fced90b8f3b0" ON "membership" ("body_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_978daac26cae93902cbaeab7e1" ON "membership" ("government_id", "ended_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "membership_one_active_seat" ON "membership" ("body_id", "government_id")
            WHERE ended_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "join_request" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "government_id" uuid NOT NULL,
                "requested_by_user_id" uuid NOT NULL,
                "message" character varying(2000),
                "status" character varying(20) NOT NULL DEFAULT 'pending',
                "decided_by_user_id" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "reason" character varying(2000),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ea4ce3bfd1dcd38029f3176bb4e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e682a59c1658679ef63e9e400a" ON "join_request" ("body_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_81a7723cd55f0c2a3693610b1d" ON "join_request" ("government_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "join_request_one_pending" ON "join_request" ("body_id", "government_id")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`
            CREATE TABLE "body" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "name_fr" character varying(200),
                "kind" character varying(20) NOT NULL,
                "parent_id" uuid,
                "permanent" boolean NOT NULL DEFAULT true,
                "starts_on" date,
                "ends_on" date,
                "mandate" text,
                "quorum_percent" integer NOT NULL DEFAULT '50',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_fcdfba471eb9ce3c1add2c1e83d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e17490fc01884ddd89c411ab4a" ON "body" ("parent_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "FK_7c4cc0ce52d0006e0aaa6df5e54" FOREIGN KEY ("government_id") REFERENCES "government"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "FK_7c4cc0ce52d0006e0aaa6df5e54"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e17490fc01884ddd89c411ab4a"
        `);
    await queryRunner.query(`
            DROP TABLE "body"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."join_request_one_pending"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_81a7723cd55f0c2a3693610b1d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e682a59c1658679ef63e9e400a"
        `);
    await queryRunner.query(`
            DROP TABLE "join_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."membership_one_active_seat"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_978daac26cae93902cbaeab7e1"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f899b288c84f00fced90b8f3b0"
        `);
    await queryRunner.query(`
            DROP TABLE "membership"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2ad3158028b378152d949b0cd8"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_01a8578f2001c9d7b8088c80ea"
        `);
    await queryRunner.query(`
            DROP TABLE "government"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f65eb74677cb50785585531892"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_56a0e4bcec2b5411beafa47ffa"
        `);
    await queryRunner.query(`
            DROP TABLE "user_account"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_5a8054be65f72a7460391be970"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_record"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."outbox_event_pending_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_event"
        `);
  }
}
