import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emails go in batches: the email job that may send a notification's email is written on its row, so two
 * jobs (a batch and the job a failing recipient is handed to) can never both send it.
 */
export class NotificationEmailClaim1796180000000 implements MigrationInterface {
  name = 'NotificationEmailClaim1796180000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ADD "email_job_id" character varying(200)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "email_job_id"`);
  }
}
