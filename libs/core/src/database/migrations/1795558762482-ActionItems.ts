import { MigrationInterface, QueryRunner } from 'typeorm';

export class ActionItems1795558762482 implements MigrationInterface {
  name = 'ActionItems1795558762482';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "action_item_deadline_notice" (
                "action_item_id" uuid NOT NULL,
                "threshold" character varying(20) NOT NULL,
                "due_on" date NOT NULL,
                "notified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_574cc6177bd13cc1062c4916122" PRIMARY KEY ("action_item_id", "threshold", "due_on")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "action_item" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "meeting_id" uuid,
                "decision_id" uuid,
                "title" character varying(300) NOT NULL,
                "description" text,
                "lead_government_id" uuid NOT NULL,
                "supporting_government_ids" uuid array NOT NULL DEFAULT '{}',
                "responsible_user_ids" uuid array NOT NULL DEFAULT '{}',
                "due_on" date NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'not_started',
                "progress" smallint NOT NULL DEFAULT '0',
                "priority" character varying(10) NOT NULL DEFAULT 'normal',
                "estimated_cost_cents" bigint,
                "actual_cost_cents" bigint,
                "funding_source" character varying(500),
                "cost_shares" jsonb NOT NULL DEFAULT '[]',
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "escalated_at" TIMESTAMP WITH TIME ZONE,
                "escalated_to_body_id" uuid,
                "created_by_user_id" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1214f6f4d832c402751617361c0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f77a02b2bac8df1a368c81281b" ON "action_item" ("meeting_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d2f7fe9f9241a6e89e6897d223" ON "action_item" ("lead_government_id", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_1385c3cc0a2c115a7b8e78183b" ON "action_item" ("body_id", "due_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "action_item_update" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "action_item_id" uuid NOT NULL,
                "kind" character varying(10) NOT NULL,
                "author_user_id" uuid,
                "author_government_id" uuid,
                "note" text,
                "progress" smallint,
                "status" character varying(20),
                "changes" jsonb NOT NULL DEFAULT '{}',
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3d58451be3957e9725427ae1bdd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_fdd2408a3401b00ad662b18cce" ON "action_item_update" ("action_item_id", "created_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_fdd2408a3401b00ad662b18cce"
        `);
    await queryRunner.query(`
            DROP TABLE "action_item_update"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_1385c3cc0a2c115a7b8e78183b"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d2f7fe9f9241a6e89e6897d223"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f77a02b2bac8df1a368c81281b"
        `);
    await queryRunner.query(`
            DROP TABLE "action_item"
        `);
    await queryRunner.query(`
            DROP TABLE "action_item_deadline_notice"
        `);
  }
}
