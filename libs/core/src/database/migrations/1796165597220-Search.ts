import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search (after the bilingual record, the minutes and the documents it indexes): English and French configurations that strip accents before stemming, and a GIN index per
 * searched text and language, on exactly the expressions the search read model queries (libs/search).
 */
const INDEXES: [name: string, table: string, expression: string][] = [
  ['search_body_en', 'body', `to_tsvector('forum_en'::regconfig, coalesce(name_en, '') || ' ' || coalesce(mandate_en, ''))`],
  ['search_body_fr', 'body', `to_tsvector('forum_fr'::regconfig, coalesce(name_fr, '') || ' ' || coalesce(mandate_fr, ''))`],
  ['search_meeting_en', 'meeting', `to_tsvector('forum_en'::regconfig, coalesce(title_en, '') || ' ' || coalesce(location, ''))`],
  ['search_meeting_fr', 'meeting', `to_tsvector('forum_fr'::regconfig, coalesce(title_fr, ''))`],
  ['search_agenda_item_en', 'agenda_item', `to_tsvector('forum_en'::regconfig, coalesce(title_en, ''))`],
  ['search_agenda_item_fr', 'agenda_item', `to_tsvector('forum_fr'::regconfig, coalesce(title_fr, ''))`],
  ['search_decision_en', 'meeting_decision', `to_tsvector('forum_en'::regconfig, coalesce(text_en, ''))`],
  ['search_decision_fr', 'meeting_decision', `to_tsvector('forum_fr'::regconfig, coalesce(text_fr, ''))`],
  ['search_minutes_en', 'meeting_minutes', `to_tsvector('forum_en'::regconfig, coalesce(text_en, ''))`],
  ['search_minutes_fr', 'meeting_minutes', `to_tsvector('forum_fr'::regconfig, coalesce(text_fr, ''))`],
  ['search_action_item_en', 'action_item', `to_tsvector('forum_en'::regconfig, coalesce(title_en, '') || ' ' || coalesce(description_en, ''))`],
  ['search_action_item_fr', 'action_item', `to_tsvector('forum_fr'::regconfig, coalesce(title_fr, '') || ' ' || coalesce(description_fr, ''))`],
  ['search_communique_en', 'communique', `to_tsvector('forum_en'::regconfig, coalesce(title_en, '') || ' ' || coalesce(body_en, ''))`],
  ['search_communique_fr', 'communique', `to_tsvector('forum_fr'::regconfig, coalesce(title_fr, '') || ' ' || coalesce(body_fr, ''))`],
  ['search_document_en', 'document', `to_tsvector('forum_en'::regconfig, coalesce(title_en, '') || ' ' || coalesce(content_text, ''))`],
  ['search_document_fr', 'document', `to_tsvector('forum_fr'::regconfig, coalesce(title_fr, '') || ' ' || coalesce(content_text, ''))`],
];

export class Search1796165597220 implements MigrationInterface {
  name = 'Search1796165597220';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    for (const [config, stem, copy] of [
      ['forum_en', 'english_stem', 'english'],
      ['forum_fr', 'french_stem', 'french'],
    ]) {
      await queryRunner.query(`CREATE TEXT SEARCH CONFIGURATION ${config} (COPY = ${copy})`);
      await queryRunner.query(`ALTER TEXT SEARCH CONFIGURATION ${config} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, ${stem}`);
    }
    // the words of each document's latest file, read by the worker (pending while content_sha256 lags the version)
    await queryRunner.query(`ALTER TABLE "document" ADD "content_text" text, ADD "content_status" character varying(12), ADD "content_sha256" character(64)`);
    for (const [name, table, expression] of INDEXES) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "${table}" USING gin ((${expression}))`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await queryRunner.query(`DROP INDEX "${name}"`);
    await queryRunner.query(`ALTER TABLE "document" DROP COLUMN "content_text", DROP COLUMN "content_status", DROP COLUMN "content_sha256"`);
    await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION forum_fr`);
    await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION forum_en`);
  }
}
