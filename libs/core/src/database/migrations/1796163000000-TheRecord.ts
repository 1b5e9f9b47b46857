import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The record of a consensus body: minutes with a life cycle (every version and comment kept), bilingual
 * decisions with each government's position (history kept), concurrence that a government may change on the
 * same revision (the last counts, all kept, bilingual comments), corrections that go to concurrence, and a
 * seat's role history. Existing minutes and decision texts become the English side, awaiting translation.
 */
export class TheRecord1796163000000 implements MigrationInterface {
  name = 'TheRecord1796163000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "meeting_minutes" (
      "meeting_id" uuid PRIMARY KEY,
      "body_id" uuid NOT NULL,
      "text_en" text, "text_fr" text,
      "source_lang" varchar(2) NOT NULL,
      "status" varchar(20) NOT NULL,
      "translation_to_follow" boolean NOT NULL DEFAULT false,
      "revision" int NOT NULL,
      "circulated_at" timestamptz, "adopted_at" timestamptz,
      "adopted_at_meeting_id" uuid, "adoption_decision_id" uuid,
      "updated_by_user_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "meeting_minutes_revision" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "meeting_id" uuid NOT NULL,
      "number" int NOT NULL,
      "text_en" text, "text_fr" text,
      "source_lang" varchar(2) NOT NULL,
      "status" varchar(20) NOT NULL,
      "author_user_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "meeting_minutes_revision_number" UNIQUE ("meeting_id", "number"))`);
    await q.query(`CREATE TABLE "meeting_minutes_comment" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "meeting_id" uuid NOT NULL,
      "revision" int NOT NULL,
      "government_id" uuid, "user_id" uuid NOT NULL,
      "comment_en" text, "comment_fr" text,
      "source_lang" varchar(2) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "meeting_minutes_comment_meeting" ON "meeting_minutes_comment" ("meeting_id", "created_at")`);
    await q.query(`INSERT INTO "meeting_minutes" ("meeting_id", "body_id", "text_en", "source_lang", "status", "revision", "created_at", "updated_at")
      SELECT "id", "body_id", "minutes", 'en', 'draft', 1, coalesce("minutes_updated_at", now()), coalesce("minutes_updated_at", now()) FROM "meeting" WHERE "minutes" IS NOT NULL`);
    await q.query(`INSERT INTO "meeting_minutes_revision" ("meeting_id", "number", "text_en", "source_lang", "status", "created_at")
      SELECT "meeting_id", 1, "text_en", 'en', 'draft', "created_at" FROM "meeting_minutes"`);
    await q.query(`ALTER TABLE "meeting" DROP COLUMN "minutes", DROP COLUMN "minutes_updated_at"`);

    await q.query(`ALTER TABLE "meeting_decision" ADD "text_en" text, ADD "text_fr" text, ADD "source_lang" varchar(2) NOT NULL DEFAULT 'en'`);
    await q.query(`UPDATE "meeting_decision" SET "text_en" = "text"`);
    await q.query(`ALTER TABLE "meeting_decision" DROP COLUMN "text", ALTER COLUMN "source_lang" DROP DEFAULT`);
    await q.query(`CREATE TABLE "decision_position" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "decision_id" uuid NOT NULL,
      "meeting_id" uuid NOT NULL,
      "government_id" uuid NOT NULL,
      "position" varchar(30) NOT NULL,
      "comment_en" text, "comment_fr" text,
      "source_lang" varchar(2) NOT NULL,
      "recorded_by_user_id" uuid NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      "superseded_at" timestamptz)`);
    await q.query(`CREATE UNIQUE INDEX "decision_position_current" ON "decision_position" ("decision_id", "government_id") WHERE "superseded_at" IS NULL`);
    await q.query(`CREATE INDEX "decision_position_history" ON "decision_position" ("decision_id", "government_id", "recorded_at")`);

    await q.query(`DROP INDEX "communique_concurrence_once"`);
    await q.query(
      `ALTER TABLE "communique_concurrence" ADD "superseded_at" timestamptz, ADD "comment_en" text, ADD "comment_fr" text, ADD "source_lang" varchar(2) NOT NULL DEFAULT 'en'`,
    );
    await q.query(`UPDATE "communique_concurrence" SET "comment_en" = "comment"`);
    await q.query(`ALTER TABLE "communique_concurrence" DROP COLUMN "comment", ALTER COLUMN "source_lang" DROP DEFAULT`);
    await q.query(
      `CREATE UNIQUE INDEX "communique_concurrence_current" ON "communique_concurrence" ("communique_id", "revision", "government_id") WHERE "superseded_at" IS NULL`,
    );
    await q.query(`ALTER TABLE "communique" ADD "correction_revision" int`);

    await q.query(`ALTER TABLE "meeting" ADD "agenda_notice_due_at" timestamptz, ADD "scheduling_warnings" jsonb`);
    await q.query(`CREATE TABLE "membership_role_change" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "membership_id" uuid NOT NULL,
      "from_role" varchar(20) NOT NULL, "to_role" varchar(20) NOT NULL,
      "changed_by_user_id" uuid,
      "changed_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "membership_role_change_membership" ON "membership_role_change" ("membership_id", "changed_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "membership_role_change"`);
    await q.query(`ALTER TABLE "meeting" DROP COLUMN "agenda_notice_due_at", DROP COLUMN "scheduling_warnings"`);
    await q.query(`ALTER TABLE "communique" DROP COLUMN "correction_revision"`);
    await q.query(`DROP INDEX "communique_concurrence_current"`);
    await q.query(`ALTER TABLE "communique_concurrence" ADD "comment" varchar(2000)`);
    await q.query(`UPDATE "communique_concurrence" SET "comment" = left(coalesce("comment_en", "comment_fr"), 2000)`);
    // only the last position per government and revision survives the way back to "one position, once"
    await q.query(`DELETE FROM "communique_concurrence" WHERE "superseded_at" IS NOT NULL`);
    await q.query(
      `ALTER TABLE "communique_concurrence" DROP COLUMN "superseded_at", DROP COLUMN "comment_en", DROP COLUMN "comment_fr", DROP COLUMN "source_lang"`,
    );
    await q.query(`CREATE UNIQUE INDEX "communique_concurrence_once" ON "communique_concurrence" ("communique_id", "revision", "government_id")`);

    await q.query(`DROP TABLE "decision_position"`);
    await q.query(`ALTER TABLE "meeting_decision" ADD "text" text`);
    await q.query(`UPDATE "meeting_decision" SET "text" = coalesce("text_en", "text_fr", '')`);
    await q.query(`ALTER TABLE "meeting_decision" ALTER COLUMN "text" SET NOT NULL, DROP COLUMN "text_en", DROP COLUMN "text_fr", DROP COLUMN "source_lang"`);

    await q.query(`ALTER TABLE "meeting" ADD "minutes" text, ADD "minutes_updated_at" timestamptz`);
    await q.query(
      `UPDATE "meeting" m SET "minutes" = coalesce(mm."text_en", mm."text_fr"), "minutes_updated_at" = mm."updated_at" FROM "meeting_minutes" mm WHERE mm."meeting_id" = m."id"`,
    );
    await q.query(`DROP TABLE "meeting_minutes_comment"`);
    await q.query(`DROP TABLE "meeting_minutes_revision"`);
    await q.query(`DROP TABLE "meeting_minutes"`);
  }
}
