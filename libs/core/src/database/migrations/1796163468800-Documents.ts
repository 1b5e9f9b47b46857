import { MigrationInterface, QueryRunner } from 'typeorm';

/** The documents library: metadata and versions; the bytes live in the document storage, keyed by their SHA-256. */
export class Documents1796163468800 implements MigrationInterface {
  name = 'Documents1796163468800';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "meeting_id" uuid, "agenda_item_id" uuid, "source_lang" character varying(2) NOT NULL, "language" character varying(10) NOT NULL, "access" character varying(12) NOT NULL, "government_ids" uuid array NOT NULL DEFAULT '{}', "marking" character varying(14) NOT NULL, "counterpart_id" uuid, "latest_version" integer NOT NULL DEFAULT '0', "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "title_en" text, "title_fr" text, CONSTRAINT "PK_e57d3357f83f3cdc0acffc3d777" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_1203c4f7dd8522f17a5dad0eaa" ON "document" ("meeting_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_74e1d757f314ced7a7f4a0c15b" ON "document" ("body_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "document_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "number" integer NOT NULL, "size" bigint NOT NULL, "sha256" character(64) NOT NULL, "content_type" character varying(150) NOT NULL, "file_name" character varying(255) NOT NULL, "uploaded_by_user_id" uuid, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a4c39c95456c5dbb2e96cca713c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_5963a5601bf934edc774a23b90" ON "document_version" ("sha256") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e45dc7b147bdcbe6ba03b5984e" ON "document_version" ("document_id", "number") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_e45dc7b147bdcbe6ba03b5984e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5963a5601bf934edc774a23b90"`);
    await queryRunner.query(`DROP TABLE "document_version"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_74e1d757f314ced7a7f4a0c15b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1203c4f7dd8522f17a5dad0eaa"`);
    await queryRunner.query(`DROP TABLE "document"`);
  }
}
