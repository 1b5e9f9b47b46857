import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795558479831 implements MigrationInterface {
  name = 'Notifications1795558479831';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "key" character varying(200) NOT NULL,
                "category" character varying(20) NOT NULL,
                "title" character varying(300) NOT NULL,
                "body" text NOT NULL,
                "link" character varying(500),
                "email_delivery" character varying(12) NOT NULL,
                "emailed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "notification_inbox_idx" ON "notification" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "notification_once_per_key" ON "notification" ("user_id", "key")
        `);
    await queryRunner.query(`
            CREATE TABLE "notification_preference" (
                "user_id" uuid NOT NULL,
                "category" character varying(20) NOT NULL,
                "delivery" character varying(12) NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d0eaf0cc3621cba401ec57d1df7" PRIMARY KEY ("user_id", "category")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "account_token" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "purpose" character varying(20) NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "emailed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a55842d3341d42534e39f85e931" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ab3c66669facfe429164e60ab8" ON "account_token" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_afb41d941d437f47a0d75373f8" ON "account_token" ("token_hash")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_afb41d941d437f47a0d75373f8"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ab3c66669facfe429164e60ab8"
        `);
    await queryRunner.query(`
            DROP TABLE "account_token"
        `);
    await queryRunner.query(`
            DROP TABLE "notification_preference"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notification_once_per_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notification_inbox_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "notification"
        `);
  }
}
