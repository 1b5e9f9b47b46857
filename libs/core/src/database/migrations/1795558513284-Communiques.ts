import { MigrationInterface, QueryRunner } from 'typeorm';

export class Communiques1795558513284 implements MigrationInterface {
  name = 'Communiques1795558513284';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "communique" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "meeting_id" uuid,
                "status" character varying(20) NOT NULL DEFAULT 'draft',
                "current_revision" integer NOT NULL DEFAULT '1',
                "title_en" character varying(300) NOT NULL DEFAULT '',
                "title_fr" character varying(300) NOT NULL DEFAULT '',
                "body_en" text NOT NULL DEFAULT '',
                "body_fr" text NOT NULL DEFAULT '',
                "embargo_until" TIMESTAMP WITH TIME ZONE,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "published_revision" integer,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "withdrawal_reason_en" character varying(2000),
                "withdrawal_reason_fr" character varying(2000),
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_de72f01ed4a95e4bd9f26dcb833" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_02750ad7f6b66a619882d54854" ON "communique" ("body_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_006e419c0680e70f132c4b5171" ON "communique" ("status", "published_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "communique_embargo_due_idx" ON "communique" ("embargo_until")
            WHERE status = 'approved'
                AND embargo_until IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "communique_revision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "communique_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "title_en" character varying(300) NOT NULL,
                "title_fr" character varying(300) NOT NULL,
                "body_en" text NOT NULL,
                "body_fr" text NOT NULL,
                "author_user_id" uuid,
                "is_correction" boolean NOT NULL DEFAULT false,
                "correction_note_en" character varying(2000),
                "correction_note_fr" character varying(2000),
                "footnotes" jsonb,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6d002265bba39d5bd4ffda1bbba" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "communique_revision_number" ON "communique_revision" ("communique_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "communique_concurrence" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "communique_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "government_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "position" character varying(30) NOT NULL,
                "comment" character varying(2000),
                "voided_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_755544c2b4efc61ca3b8d745f84" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d056c65a73c764d3aa6798e74d" ON "communique_concurrence" ("communique_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "communique_concurrence_once" ON "communique_concurrence" ("communique_id", "revision", "government_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."communique_concurrence_once"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d056c65a73c764d3aa6798e74d"
        `);
    await queryRunner.query(`
            DROP TABLE "communique_concurrence"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."communique_revision_number"
        `);
    await queryRunner.query(`
            DROP TABLE "communique_revision"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."communique_embargo_due_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_006e419c0680e70f132c4b5171"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_02750ad7f6b66a619882d54854"
        `);
    await queryRunner.query(`
            DROP TABLE "communique"
        `);
  }
}
