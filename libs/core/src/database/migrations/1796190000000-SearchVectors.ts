import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search's vectors stored on each searched row instead of computed per hit: a broad query (every action item
 * says "shelter figures") spent its time re-reading every hit's text with `to_tsvector`, to test it in each language
 * and to rank it. Each searched table keeps, per language, the vector the search matches (`search_en`, GIN-indexed,
 * replacing the expression indexes of the Search migration) and the weighted one it ranks (`search_rank_en`: the
 * title's words A, the rest B). The two differ in positions (the ranked one is the concatenation of two vectors),
 * so both are kept and the results stay exactly those of the expressions. A trigger keeps them current when the
 * texts change (a generated column would do the same, but TypeORM ties a generated column's expression to the
 * database's name, which a test database cloned from its template does not share).
 */
/** each searched table, the name its expression indexes had (`search_<name>_<lang>`), its texts per language (title first) */
const SOURCES: [table: string, indexed: string, en: string[], fr: string[]][] = [
  ['body', 'body', ['name_en', 'mandate_en'], ['name_fr', 'mandate_fr']],
  ['meeting', 'meeting', ['title_en', 'location'], ['title_fr']],
  ['agenda_item', 'agenda_item', ['title_en'], ['title_fr']],
  ['meeting_decision', 'decision', ['text_en'], ['text_fr']],
  ['meeting_minutes', 'minutes', ['text_en'], ['text_fr']],
  ['action_item', 'action_item', ['title_en', 'description_en'], ['title_fr', 'description_fr']],
  ['communique', 'communique', ['title_en', 'body_en'], ['title_fr', 'body_fr']],
  ['document', 'document', ['title_en', 'content_text'], ['title_fr', 'content_text']],
];

const CONFIG = { en: 'forum_en', fr: 'forum_fr' } as const;
const vector = (lang: 'en' | 'fr', columns: string[]) =>
  `to_tsvector('${CONFIG[lang]}'::regconfig, ${columns.map((c) => `coalesce(${c}, '')`).join(` || ' ' || `)})`;
const ranked = (lang: 'en' | 'fr', [title, ...rest]: string[]) =>
  `setweight(${vector(lang, [title])}, 'A') || setweight(${rest.length ? vector(lang, rest) : `''::tsvector`}, 'B')`;
const of = (row: string, columns: string[]) => columns.map((c) => `${row}.${c}`);
const LANGS = ['en', 'fr'] as const;

export class SearchVectors1796190000000 implements MigrationInterface {
  name = 'SearchVectors1796190000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, indexed, en, fr] of SOURCES) {
      const columns = { en, fr };
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "search_en" tsvector, ADD "search_fr" tsvector, ADD "search_rank_en" tsvector, ADD "search_rank_fr" tsvector`,
      );
      await queryRunner.query(
        `UPDATE "${table}" t SET ${LANGS.map((l) => `"search_${l}" = ${vector(l, of('t', columns[l]))}, "search_rank_${l}" = ${ranked(l, of('t', columns[l]))}`).join(', ')}`,
      );
      await queryRunner.query(`CREATE FUNCTION "${table}_search_vectors"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
${LANGS.map((l) => `  NEW.search_${l} := ${vector(l, of('NEW', columns[l]))};\n  NEW.search_rank_${l} := ${ranked(l, of('NEW', columns[l]))};`).join('\n')}
  RETURN NEW;
END $$`);
      const texts = [...new Set([...en, ...fr])].map((c) => `"${c}"`).join(', ');
      await queryRunner.query(
        `CREATE TRIGGER "${table}_search_vectors" BEFORE INSERT OR UPDATE OF ${texts}, "search_en", "search_fr", "search_rank_en", "search_rank_fr" ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${table}_search_vectors"()`,
      );
      for (const l of LANGS) {
        await queryRunner.query(`DROP INDEX "search_${indexed}_${l}"`);
        // no pending list: rows written since the last vacuum would make the index look dearer than reading the
        // table (which, with the vectors stored, is cheap to read), and the search must stay on its indexes
        await queryRunner.query(`CREATE INDEX "${table}_search_${l}" ON "${table}" USING gin ("search_${l}") WITH (fastupdate = off)`);
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, indexed, en, fr] of [...SOURCES].reverse()) {
      const columns = { en, fr };
      for (const l of LANGS) {
        await queryRunner.query(`DROP INDEX "${table}_search_${l}"`);
        await queryRunner.query(`CREATE INDEX "search_${indexed}_${l}" ON "${table}" USING gin ((${vector(l, columns[l])}))`);
      }
      await queryRunner.query(`DROP TRIGGER "${table}_search_vectors" ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION "${table}_search_vectors"()`);
      // the vectors are computed from the row's texts: dropping them loses nothing
      await queryRunner.query(
        `ALTER TABLE "${table}" DROP COLUMN "search_en", DROP COLUMN "search_fr", DROP COLUMN "search_rank_en", DROP COLUMN "search_rank_fr"`,
      );
    }
  }
}
