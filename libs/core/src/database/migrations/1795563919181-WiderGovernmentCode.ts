import { MigrationInterface, QueryRunner } from 'typeorm';

/** Government codes up to 32 characters: municipalities and associations have longer codes than provinces. */
export class WiderGovernmentCode1795563919181 implements MigrationInterface {
  name = 'WiderGovernmentCode1795563919181';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "government" ALTER COLUMN "code" TYPE character varying(32)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "government" ALTER COLUMN "code" TYPE character varying(12)`);
  }
}
