import { MigrationInterface, QueryRunner } from 'typeorm';

/** Single sign-on per government, TOTP second factors, service tokens, webhook subscriptions and their deliveries. */
export class AccountsForSystems1796170000000 implements MigrationInterface {
  name = 'AccountsForSystems1796170000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook" ("id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "events" jsonb NOT NULL, "body_id" uuid, "government_id" uuid, "secret_sealed" character varying(300) NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e6765510c2d078db49632b59020" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0418fa2bed2b958f1aba04e58e" ON "webhook" ("deleted_at") `);
    await queryRunner.query(
      `CREATE TABLE "identity_provider" ("id" uuid NOT NULL, "government_id" uuid NOT NULL, "issuer" character varying(500) NOT NULL, "client_id" character varying(300) NOT NULL, "client_secret_sealed" character varying(2000) NOT NULL, "email_domains" jsonb NOT NULL, "password_login" boolean NOT NULL DEFAULT true, "create_accounts" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5f038d63f2887fd0893ae4c5736" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b1f7a78a855a00528e90d2a32e" ON "identity_provider" ("government_id") `);
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL, "webhook_id" uuid NOT NULL, "outbox_event_id" bigint NOT NULL, "event" character varying(80) NOT NULL, "body" text NOT NULL, "status" character varying(20) NOT NULL, "attempt" integer NOT NULL DEFAULT '0', "response_status" integer, "last_error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a1d3f9c0b663d73203c5b65276" ON "webhook_delivery" ("webhook_id", "outbox_event_id") `);
    await queryRunner.query(
      `CREATE TABLE "oidc_link" ("user_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "subject" character varying(255) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ea682c0f3dcebd9ae87e094d0f" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b34fed6d66ffd1de0327281880" ON "oidc_link" ("provider_id", "subject") `);
    await queryRunner.query(
      `CREATE TABLE "api_token" ("id" uuid NOT NULL, "name" character varying(100) NOT NULL, "secret_hash" character varying(64) NOT NULL, "government_id" uuid, "scopes" jsonb NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_482a03313c765083f39c50f735" ON "api_token" ("secret_hash") `);
    await queryRunner.query(
      `CREATE TABLE "user_mfa" ("user_id" uuid NOT NULL, "secret_sealed" character varying(300) NOT NULL, "enabled_at" TIMESTAMP WITH TIME ZONE, "last_time_step" bigint, "recovery_hashes" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3db12d521d7b1f7d17c71e465a" PRIMARY KEY ("user_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "user_mfa"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_482a03313c765083f39c50f735"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b34fed6d66ffd1de0327281880"`);
    await queryRunner.query(`DROP TABLE "oidc_link"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a1d3f9c0b663d73203c5b65276"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b1f7a78a855a00528e90d2a32e"`);
    await queryRunner.query(`DROP TABLE "identity_provider"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0418fa2bed2b958f1aba04e58e"`);
    await queryRunner.query(`DROP TABLE "webhook"`);
  }
}
