import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search: English and French configurations that strip accents before stemming, and a GIN index per
 * searched text and language, on exactly the expressions the search read model queries (libs/search).
 */
const INDEXES: [name: string, table: string, expression: string][] = [
  ['search_body_en', 'body', `to_tsvector('forum_en'::regconfig, coalesce(name, '') || ' ' || coalesce(mandate, ''))`],
  ['search_body_fr', 'body', `to_tsvector('forum_fr'::regconfig, coalesce(name_fr, ''))`],
  ['search_meeting_en', 'meeting', `to_tsvector('forum_en'::regconfig, coalesce(title, '') || ' ' || coalesce(location, ''))`],
  ['search_agenda_item_en', 'agenda_item', `to_tsvector('forum_en'::regconfig, coalesce(title, ''))`],
  ['search_meeting_decision_en', 'meeting_decision', `to_tsvector('forum_en'::regconfig, coalesce(text, ''))`],
  ['search_meeting_minutes_en', 'meeting', `to_tsvector('forum_en'::regconfig, coalesce(minutes, ''))`],
  ['search_action_item_en', 'action_item', `to_tsvector('forum_en'::regconfig, coalesce(title, '') || ' ' || coalesce(description, ''))`],
  ['search_communique_en', 'communique', `to_tsvector('forum_en'::regconfig, coalesce(title_en, '') || ' ' || coalesce(body_en, ''))`],
  ['search_communique_fr', 'communique', `to_tsvector('forum_fr'::regconfig, coalesce(title_fr, '') || ' ' || coalesce(body_fr, ''))`],
];

export class Search1796165597220 implements MigrationInterface {
  name = 'Search1796165597220';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    for (const [config, stem, copy] of [['forum_en', 'english_stem', 'english'], ['forum_fr', 'french_stem', 'french']]) {
      await queryRunner.query(`CREATE TEXT SEARCH CONFIGURATION ${config} (COPY = ${copy})`);
      await queryRunner.query(`ALTER TEXT SEARCH CONFIGURATION ${config} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, ${stem}`);
    }
    for (const [name, table, expression] of INDEXES) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "${table}" USING gin ((${expression}))`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await queryRunner.query(`DROP INDEX "${name}"`);
    await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION forum_fr`);
    await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION forum_en`);
  }
}
