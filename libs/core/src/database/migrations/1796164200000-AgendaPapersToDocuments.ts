import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded agenda papers (base64 bytes in `agenda_paper.content`) become documents of the meeting's body,
 * attached to their agenda item, with the same id. A migration cannot write to the document storage, so the
 * bytes wait in `document_legacy_blob`, keyed by SHA-256: the API serves them from there and moves each into
 * the storage at its first start (then deletes the row). The paper rows stay, for the paper routes.
 */
export class AgendaPapersToDocuments1796164200000 implements MigrationInterface {
  name = 'AgendaPapersToDocuments1796164200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document_legacy_blob" ("sha256" character(64) NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_document_legacy_blob" PRIMARY KEY ("sha256"))`,
    );
    await queryRunner.query(`
      INSERT INTO "document_legacy_blob" ("sha256", "content")
      SELECT DISTINCT ON (encode(sha256(p.content), 'hex')) encode(sha256(p.content), 'hex'), p.content
        FROM "agenda_paper" p WHERE p.content IS NOT NULL AND length(p.content) > 0`);
    await queryRunner.query(`
      INSERT INTO "document" ("id", "body_id", "meeting_id", "agenda_item_id", "title_en", "title_fr", "source_lang", "language", "access", "government_ids", "marking", "latest_version", "created_by_user_id", "created_at", "updated_at")
      SELECT p.id, m.body_id, p.meeting_id, p.agenda_item_id, p.title_en, p.title_fr, p.source_lang, p.source_lang, 'members', '{}', 'unclassified', 1, p.uploaded_by_user_id, p.created_at, p.created_at
        FROM "agenda_paper" p JOIN "meeting" m ON m.id = p.meeting_id
       WHERE p.content IS NOT NULL AND length(p.content) > 0`);
    await queryRunner.query(`
      INSERT INTO "document_version" ("document_id", "number", "size", "sha256", "content_type", "file_name", "uploaded_by_user_id", "uploaded_at")
      SELECT p.id, 1, length(p.content), encode(sha256(p.content), 'hex'), COALESCE(p.content_type, 'application/octet-stream'), COALESCE(p.file_name, 'paper'), p.uploaded_by_user_id, p.created_at
        FROM "agenda_paper" p JOIN "meeting" m ON m.id = p.meeting_id
       WHERE p.content IS NOT NULL AND length(p.content) > 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // the paper rows were kept: removing the documents made from them loses nothing
    await queryRunner.query(`DELETE FROM "document" WHERE "id" IN (SELECT "id" FROM "agenda_paper" WHERE "content" IS NOT NULL)`);
    await queryRunner.query(`DROP TABLE "document_legacy_blob"`);
  }
}
