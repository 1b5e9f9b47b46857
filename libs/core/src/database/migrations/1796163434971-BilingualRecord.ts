import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every text participants read becomes an EN/FR pair (`x_en`, `x_fr`) with the record's `source_lang`.
 * What was written before becomes the English side, its French translation pending. The agenda of a meeting
 * may go out with its translation to follow; governments gain their French name with its article.
 */
const PAIRS: { table: string; fields: { name: string; renameFrom?: string; frExists?: boolean; type: string; notNull?: boolean }[] }[] = [
  {
    table: 'body',
    fields: [
      { name: 'name', type: 'character varying(200)', notNull: true, frExists: true },
      { name: 'mandate', type: 'text' },
    ],
  },
  { table: 'meeting', fields: [{ name: 'title', type: 'character varying(300)', notNull: true }] },
  { table: 'agenda_item', fields: [{ name: 'title', type: 'character varying(300)', notNull: true }] },
  { table: 'agenda_paper', fields: [{ name: 'title', type: 'character varying(300)', notNull: true }] },
  {
    table: 'action_item',
    fields: [
      { name: 'title', type: 'character varying(300)', notNull: true },
      { name: 'description', type: 'text' },
    ],
  },
  { table: 'action_item_update', fields: [{ name: 'note', type: 'text' }] },
  {
    table: 'join_request',
    fields: [
      { name: 'message', type: 'character varying(2000)' },
      { name: 'reason', type: 'character varying(2000)' },
    ],
  },
];

/** "le gouvernement du Québec": the subject of a generated French sentence, with its article */
export const GOVERNMENT_NAMES_FR_WITH_ARTICLE: Record<string, string> = {
  CA: 'le gouvernement du Canada',
  ON: "le gouvernement de l'Ontario",
  QC: 'le gouvernement du Québec',
  NS: 'le gouvernement de la Nouvelle-Écosse',
  NB: 'le gouvernement du Nouveau-Brunswick',
  MB: 'le gouvernement du Manitoba',
  BC: 'le gouvernement de la Colombie-Britannique',
  PE: "le gouvernement de l'Île-du-Prince-Édouard",
  SK: 'le gouvernement de la Saskatchewan',
  AB: "le gouvernement de l'Alberta",
  NL: 'le gouvernement de Terre-Neuve-et-Labrador',
  NT: 'le gouvernement des Territoires du Nord-Ouest',
  YT: 'le gouvernement du Yukon',
  NU: 'le gouvernement du Nunavut',
  TOR: 'la Ville de Toronto',
  MTL: 'la Ville de Montréal',
  CK: 'la Municipalité de Chatham-Kent',
  FCM: 'la Fédération canadienne des municipalités',
};

export class BilingualRecord1796163434971 implements MigrationInterface {
  name = 'BilingualRecord1796163434971';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, fields } of PAIRS) {
      for (const f of fields) {
        await queryRunner.query(`ALTER TABLE "${table}" RENAME COLUMN "${f.name}" TO "${f.name}_en"`);
        await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${f.name}_en" TYPE text, ALTER COLUMN "${f.name}_en" DROP NOT NULL`);
        if (f.frExists) await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${f.name}_fr" TYPE text`);
        else await queryRunner.query(`ALTER TABLE "${table}" ADD "${f.name}_fr" text`);
      }
      await queryRunner.query(`ALTER TABLE "${table}" ADD "source_lang" character varying(2) NOT NULL DEFAULT 'en'`);
    }
    await queryRunner.query(`ALTER TABLE "meeting" ADD "agenda_translation_to_follow" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "government" ADD "name_fr_with_article" character varying(220)`);
    for (const [code, name] of Object.entries(GOVERNMENT_NAMES_FR_WITH_ARTICLE)) {
      await queryRunner.query(`UPDATE "government" SET "name_fr_with_article" = $1 WHERE "code" = $2`, [name, code]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "government" DROP COLUMN "name_fr_with_article"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP COLUMN "agenda_translation_to_follow"`);
    for (const { table, fields } of [...PAIRS].reverse()) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "source_lang"`);
      for (const f of fields) {
        // a text written in French only keeps its words rather than vanishing
        await queryRunner.query(`UPDATE "${table}" SET "${f.name}_en" = "${f.name}_fr" WHERE "${f.name}_en" IS NULL`);
        if (f.notNull) await queryRunner.query(`UPDATE "${table}" SET "${f.name}_en" = '' WHERE "${f.name}_en" IS NULL`);
        await queryRunner.query(
          `ALTER TABLE "${table}" ALTER COLUMN "${f.name}_en" TYPE ${f.type} USING left("${f.name}_en", ${/\((\d+)\)/.exec(f.type)?.[1] ?? 1_000_000_000})`,
        );
        if (f.notNull) await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${f.name}_en" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "${table}" RENAME COLUMN "${f.name}_en" TO "${f.name}"`);
        if (f.frExists)
          await queryRunner.query(
            `ALTER TABLE "${table}" ALTER COLUMN "${f.name}_fr" TYPE ${f.type} USING left("${f.name}_fr", ${/\((\d+)\)/.exec(f.type)?.[1] ?? 1_000_000_000})`,
          );
        else await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${f.name}_fr"`);
      }
    }
  }
}
