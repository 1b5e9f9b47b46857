import { DataSource } from 'typeorm';
import { migrateDatabase, revertLastMigration } from '@forum/core';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** `npm run migrate:revert`: reverts the last migration, and warns (refusing without --yes) when its down destroys data. */
describe('migrate:revert', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('names what a destructive down would lose and does nothing without confirmation, then reverts and re-applies', async () => {
    const admin = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    try {
      await admin.query(`INSERT INTO delivery (queue, job_id, name, data) VALUES ('email', 'email-x', 'notification-email', '{}')`);
      const warnings: string[] = [];
      const applied = async () => (await admin.query(`SELECT COUNT(*)::int AS n FROM migrations`))[0].n as number;
      const before = await applied();
      // Revert (confirmed) down to the Deliveries migration, whatever was added after it.
      let plan = await revertLastMigration(database.url, false, (line) => warnings.push(line));
      while (plan.name && !plan.name.startsWith('Deliveries')) {
        if (plan.dataLoss.length) {
          expect(plan.reverted).toBe(false);
          plan = await revertLastMigration(database.url, true, () => undefined);
        }
        warnings.length = 0;
        plan = await revertLastMigration(database.url, false, (line) => warnings.push(line));
      }
      expect(plan).toMatchObject({ name: expect.stringMatching(/^Deliveries\d+$/), reverted: false });
      expect(warnings.join('\n')).toMatch(/drops table delivery \(1 row\)/);
      expect(warnings.join('\n')).toMatch(/deletes rows from agenda_paper/);
      expect(warnings.join('\n')).toContain('--yes');
      expect(await admin.query(`SELECT to_regclass('public.delivery') AS t`)).toEqual([{ t: 'delivery' }]);

      const reverted = await revertLastMigration(database.url, true, () => undefined);
      expect(reverted.reverted).toBe(true);
      expect(await admin.query(`SELECT to_regclass('public.delivery') AS t`)).toEqual([{ t: null }]);
      await migrateDatabase(database.url);
      expect(await applied()).toBe(before);
    } finally {
      await admin.destroy();
    }
  });
});
