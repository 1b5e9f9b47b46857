import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reliability: a delivery row per queue job (Postgres is the source of truth for every delivery), and
 * agenda papers that outlive their agenda item (detached, never deleted).
 */
export class Deliveries1796163522876 implements MigrationInterface {
  name = 'Deliveries1796163522876';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "delivery" (
                "id" BIGSERIAL NOT NULL,
                "queue" character varying(80) NOT NULL,
                "job_id" character varying(300) NOT NULL,
                "name" character varying(80) NOT NULL,
                "data" jsonb NOT NULL,
                "run_at" TIMESTAMP WITH TIME ZONE,
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "message_id" character varying(300),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_delivery_id" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE UNIQUE INDEX "delivery_queue_job_uq" ON "delivery" ("queue", "job_id")`);
    await queryRunner.query(`CREATE INDEX "delivery_open_idx" ON "delivery" ("updated_at") WHERE status IN ('pending', 'sending')`);
    await queryRunner.query(`CREATE INDEX "delivery_failed_idx" ON "delivery" ("updated_at") WHERE status = 'failed'`);
    await queryRunner.query(`ALTER TABLE "agenda_paper" ALTER COLUMN "agenda_item_id" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Papers detached from a deleted agenda item have nowhere to go under the old schema.
    await queryRunner.query(`DELETE FROM "agenda_paper" WHERE "agenda_item_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "agenda_paper" ALTER COLUMN "agenda_item_id" SET NOT NULL`);
    await queryRunner.query(`DROP TABLE "delivery"`);
  }
}
