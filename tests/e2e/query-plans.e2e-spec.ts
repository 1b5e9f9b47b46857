import { FULL_VOLUME, loadVolume } from '../../bench/volume-loader';
import { recordQueries } from '../support/query-counter';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A table is large from 10,000 rows: below that PostgreSQL rightly prefers reading a few pages in
 * order to walking an index, and flagging it would only teach us to ignore the test.
 */
const LARGE_ROWS = 10_000;
let largeTables: string[] = [];

function seqScansOfLargeTables(plan: any, found: string[] = []): string[] {
  if (plan['Node Type'] === 'Seq Scan' && largeTables.includes(plan['Relation Name'])) found.push(plan['Relation Name']);
  for (const child of plan.Plans ?? []) seqScansOfLargeTables(child, found);
  return found;
}

/**
 * On the benchmark's volume (20,000 action items, 200,000 updates, 2,000 meetings, 500 communiqués),
 * every query behind the hot endpoints uses an index: none scans a large table sequentially.
 */
describe('query plans on the benchmark volume', () => {
  let database: TestDatabase;
  let t: TestApp;
  let official: string;
  let ids: { itemId: string; bodyId: string; governmentId: string; meetingId: string; communiqueId: string; publicId: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadVolume(database.url, FULL_VOLUME);
    t = await startTestApp({ database });
    largeTables = (
      await t.dataSource.query(`SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples >= $1`, [LARGE_ROWS])
    ).map((r: { relname: string }) => r.relname);
    const row = (
      await t.dataSource.query(
        `SELECT a.id AS "itemId", a.body_id AS "bodyId", a.lead_government_id AS "governmentId",
                (SELECT email FROM user_account u WHERE u.government_id = a.lead_government_id LIMIT 1) AS email,
                (SELECT id FROM meeting m WHERE m.body_id = a.body_id LIMIT 1) AS "meetingId",
                (SELECT id FROM communique c WHERE c.body_id = a.body_id LIMIT 1) AS "communiqueId",
                (SELECT id FROM communique c WHERE c.status = 'published' LIMIT 1) AS "publicId"
         FROM action_item a ORDER BY a.id LIMIT 1`,
      )
    )[0];
    ids = row;
    official = (await t.http.post('/api/v1/auth/login', { email: row.email, password: 'bench-forum-password' })).body.accessToken;
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('uses indexes for every hot read', async () => {
    expect(largeTables).toEqual(expect.arrayContaining(['action_item', 'action_item_update']));
    const hot: [string, string | null][] = [
      [`/api/v1/action-items/${ids.itemId}`, official],
      [`/api/v1/action-items/${ids.itemId}/updates`, official],
      [`/api/v1/action-items?bodyId=${ids.bodyId}&limit=50`, official],
      [`/api/v1/action-items?governmentId=${ids.governmentId}&overdue=true&limit=50`, official],
      [`/api/v1/action-items?bodyId=${ids.bodyId}&status=in_progress&dueFrom=2020-01-01&dueTo=2035-01-01&sort=dueOn`, official],
      [`/api/v1/meetings?bodyId=${ids.bodyId}&limit=50`, official],
      [`/api/v1/meetings/${ids.meetingId}`, official],
      [`/api/v1/communiques?bodyId=${ids.bodyId}`, official],
      [`/api/v1/public/communiques?limit=20`, null],
      [`/api/v1/public/communiques/${ids.publicId}`, null],
      [`/api/v1/notifications`, official],
      [`/api/v1/bodies/${ids.bodyId}/accountability`, official],
      [`/api/v1/search?q=housing%20claimant`, official],
      [`/api/v1/search?q=report`, official],
      [`/api/v1/search?q=capacite%20d%27accueil`, t.adminToken],
      [`/api/v1/public/communiques?q=housing`, null],
    ];
    const problems: string[] = [];
    for (const [path, token] of hot) {
      let status = 0;
      const queries = await recordQueries(async () => {
        status = (await t.http.get(path, token)).status;
      });
      const selects = queries.filter((q) => /^\s*(WITH|SELECT)/i.test(q.sql));
      expect({ path, status }).toEqual({ path, status: 200 });
      for (const q of selects) {
        const [{ 'QUERY PLAN': plan }] = await t.dataSource.query(`EXPLAIN (FORMAT JSON) ${q.sql}`, q.parameters);
        const scans = seqScansOfLargeTables(plan[0].Plan);
        if (scans.length) problems.push(`${path}: Seq Scan on ${scans.join(', ')} in ${q.sql.replace(/\s+/g, ' ').slice(0, 240)}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
