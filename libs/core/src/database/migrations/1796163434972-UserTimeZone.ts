import { MigrationInterface, QueryRunner } from 'typeorm';

/** A user's own IANA zone; null means their government's. */
export class UserTimeZone1796163434972 implements MigrationInterface {
  name = 'UserTimeZone1796163434972';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_account" ADD "time_zone" character varying(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_account" DROP COLUMN "time_zone"`);
  }
}
