import { MigrationInterface, QueryRunner } from 'typeorm';

/** The parent body's accountability report lists items escalated to it: found by the query-plan test. */
export class EscalatedItemsIndex1795560695178 implements MigrationInterface {
  name = 'EscalatedItemsIndex1795560695178';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "action_item_escalated_to_body_idx" ON "action_item" ("escalated_to_body_id") WHERE escalated_to_body_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."action_item_escalated_to_body_idx"`);
  }
}
