import { MigrationInterface, QueryRunner } from 'typeorm';

/** Server-side sessions (rotating refresh tokens, revocation) and a user's own time zone. */
export class Sessions1796163315504 implements MigrationInterface {
  name = 'Sessions1796163315504';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "session" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "refresh_hash" character varying(64) NOT NULL, "previous_refresh_hash" character varying(64), "rotated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(40), "user_agent" character varying(300), "address" character varying(64), CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_30e98e8746699fb9af235410af" ON "session" ("user_id") `);
    await queryRunner.query(`ALTER TABLE "user_account" ADD COLUMN IF NOT EXISTS "time_zone" character varying(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_account" DROP COLUMN IF EXISTS "time_zone"`);
    await queryRunner.query(`DROP INDEX "IDX_30e98e8746699fb9af235410af"`);
    await queryRunner.query(`DROP TABLE "session"`);
  }
}
