import * as argon2 from 'argon2';
import { Client } from 'pg';
import { DEMO_GOVERNMENTS } from '../apps/api/src/demo/demo-governments';

/** How much the benchmark database holds; `--quick` shrinks it for a smoke run. */
export interface Volume {
  bodies: number;
  officialsPerGovernment: number;
  meetings: number;
  actionItems: number;
  updatesPerItem: number;
  communiques: number;
}

export const FULL_VOLUME: Volume = { bodies: 40, officialsPerGovernment: 60, meetings: 2000, actionItems: 20_000, updatesPerItem: 10, communiques: 500 };
export const QUICK_VOLUME: Volume = { bodies: 40, officialsPerGovernment: 15, meetings: 200, actionItems: 2_000, updatesPerItem: 10, communiques: 100 };

export const BENCH_PASSWORD = 'bench-forum-password';
export const SECRETARIAT_EMAIL = 'secretariat@bench.forum';

export interface LoadedVolume {
  counts: Record<string, number>;
  seconds: number;
}

/**
 * Fills a migrated database with set-based SQL only (generate_series, INSERT … SELECT): a per-row
 * loop or per-row HTTP would take minutes and measure the loader instead of the product.
 * Every row respects the product's rules (leads are non-observer members, versions match the kept updates).
 */
export async function loadVolume(databaseUrl: string, volume: Volume): Promise<LoadedVolume> {
  const started = Date.now();
  // One hash reused by every account: argon2 is deliberately slow, and the bench never logs them all in.
  const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id });
  const db = new Client({ connectionString: databaseUrl, application_name: 'forum-bench-loader' });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO government (code, name_en, name_fr, level, time_zone, precedence)
       SELECT g->>'code', g->>'nameEn', g->>'nameFr', g->>'level', g->>'timeZone', (ord - 1)::int
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(g, ord)`,
      [JSON.stringify(DEMO_GOVERNMENTS)],
    );
    await db.query(`INSERT INTO user_account (email, display_name, password_hash, role) VALUES ($1, 'Bench Secretariat', $2, 'secretariat')`, [
      SECRETARIAT_EMAIL,
      hash,
    ]);
    await db.query(
      `INSERT INTO user_account (email, display_name, password_hash, role, government_id, locale)
       SELECT format('official.%s.%s@bench.forum', lower(g.code), n), format('Official %s of %s', n, g.code), $1, 'official', g.id,
              CASE WHEN g.code IN ('QC', 'MTL') THEN 'fr' ELSE 'en' END
         FROM government g CROSS JOIN generate_series(1, $2::int) n`,
      [hash, volume.officialsPerGovernment],
    );
    // Four tables at the top, the rest working groups and subgroups under them.
    await db.query(
      `INSERT INTO body (name_en, name_fr, kind, parent_id, permanent, mandate_en)
       SELECT format('Table %s', i), format('Table %s', i), 'table', NULL, true, 'Coordinates the forum''s work on irregular migration.'
         FROM generate_series(1, 4) i`,
    );
    await db.query(
      `WITH tops AS (SELECT id, row_number() OVER (ORDER BY name_en) - 1 AS k FROM body)
       INSERT INTO body (name_en, name_fr, kind, parent_id, permanent, mandate_en)
       SELECT format('Working Group %s', i), format('Groupe de travail %s', i),
              CASE WHEN i % 7 = 0 THEN 'subgroup' WHEN i % 11 = 0 THEN 'task_force' ELSE 'working_group' END,
              (SELECT id FROM tops WHERE k = i % 4), i % 11 <> 0, 'Shares arrival figures, housing capacity and costs.'
         FROM generate_series(5, $1::int) i`,
      [volume.bodies],
    );
    // Canada co-chairs every body with one province or territory; Quebec observes where it does not chair;
    // the others sit on two bodies out of three.
    await db.query(
      `WITH b AS (SELECT id, row_number() OVER (ORDER BY created_at, name_en) AS i FROM body),
            g AS (SELECT id, precedence AS p, code FROM government)
       INSERT INTO membership (body_id, government_id, role, started_at)
       SELECT b.id, g.id,
              CASE WHEN g.p = 0 OR g.p = 1 + b.i % 13 THEN 'co_chair' WHEN g.code = 'QC' THEN 'observer' ELSE 'member' END,
              timestamptz '2017-08-01' + (b.i || ' days')::interval
         FROM b CROSS JOIN g
        WHERE g.p = 0 OR g.p = 1 + b.i % 13 OR g.code = 'QC' OR (g.p + b.i) % 3 <> 0`,
    );
    await db.query(
      `WITH b AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n FROM body)
       INSERT INTO meeting (body_id, title_en, starts_at, ends_at, location, status, created_at)
       SELECT b.id, format('Meeting %s', i), s, s + interval '2 hours', 'Ottawa and by video',
              CASE WHEN i % 50 = 0 THEN 'cancelled' ELSE 'scheduled' END, s - interval '30 days'
         FROM generate_series(1, $1::int) i
         CROSS JOIN LATERAL (SELECT timestamptz '2017-08-15 14:00Z' + ((i * 37) % 3650 || ' days')::interval AS s) t
         JOIN b ON b.k = i % b.n`,
      [volume.meetings],
    );
    // The lead is the (i/bodies)-th non-observer member of the item's body; the version is the number of kept updates.
    await db.query(
      `WITH b AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n FROM body),
            leads AS (SELECT body_id, government_id, row_number() OVER (PARTITION BY body_id ORDER BY government_id) - 1 AS r,
                             count(*) OVER (PARTITION BY body_id) AS c
                        FROM membership WHERE role <> 'observer' AND ended_at IS NULL)
       INSERT INTO action_item (body_id, title_en, description_en, lead_government_id, due_on, status, progress, priority,
                                estimated_cost_cents, completed_at, version, created_at, updated_at)
       SELECT b.id, format('Action %s: share weekly arrival and shelter figures', i), 'Report to the table with the figures of each partner.',
              -- Done items fell due in the past; open ones spread around today, as in a forum that keeps up with its work.
              l.government_id, CASE WHEN s.k = 4 THEN date '2018-01-01' + (i % 2000) ELSE current_date - 30 + (i % 730) END,
              (ARRAY['not_started','in_progress','in_progress','blocked','done'])[1 + s.k],
              CASE WHEN s.k = 4 THEN 100 ELSE (i * 7) % 100 END,
              (ARRAY['low','normal','normal','high','urgent'])[1 + (i / 3) % 5],
              CASE WHEN i % 3 = 0 THEN (i % 500) * 100000 END,
              CASE WHEN s.k = 4 THEN timestamptz '2019-01-01' END,
              $2::int, timestamptz '2018-01-01' + (i || ' minutes')::interval, timestamptz '2019-01-01' + (i || ' minutes')::interval
         FROM generate_series(1, $1::int) i
         -- The status must not follow the body (the body is i modulo the bodies): every body has items in every state.
         CROSS JOIN LATERAL (SELECT (i / 41) % 5 AS k) s
         JOIN b ON b.k = i % b.n
         JOIN leads l ON l.body_id = b.id AND l.r = (i / b.n) % l.c`,
      [volume.actionItems, volume.updatesPerItem],
    );
    // The notices of the past were sent in the past: the worker's start-up scan must not send thousands at once.
    await db.query(
      `INSERT INTO action_item_deadline_notice (action_item_id, threshold, due_on, notified_at)
       SELECT a.id, t, a.due_on, now() - interval '1 day'
         FROM action_item a CROSS JOIN unnest(ARRAY['due_soon', 'overdue', 'escalated']) t
        WHERE a.status NOT IN ('done', 'cancelled') AND a.due_on <= current_date + 7`,
    );
    await db.query(
      `INSERT INTO action_item_update (action_item_id, kind, author_government_id, note_en, progress, status, changes, version, created_at)
       SELECT a.id, CASE WHEN v = 1 THEN 'created' WHEN v % 2 = 0 THEN 'report' ELSE 'change' END, a.lead_government_id,
              CASE WHEN v % 2 = 0 THEN format('Progress report %s', v) END, (v * 9) % 100, 'in_progress',
              jsonb_build_object('progress', jsonb_build_object('from', ((v - 1) * 9) % 100, 'to', (v * 9) % 100)),
              v, a.created_at + (v || ' days')::interval
         FROM action_item a CROSS JOIN generate_series(1, $1::int) v`,
      [volume.updatesPerItem],
    );
    const text = (lang: 'en' | 'fr') =>
      lang === 'en'
        ? `'Federal, provincial and municipal ministers met to discuss the irregular arrival of asylum seekers. ' || repeat('The partners agreed to share weekly figures on arrivals and shelter capacity, and to report on the costs each government bears. ', 8)`
        : `'Les ministres fédéral, provinciaux et municipaux se sont réunis au sujet des arrivées irrégulières de demandeurs d''asile. ' || repeat('Les partenaires conviennent de partager chaque semaine les chiffres des arrivées et des places d''hébergement. ', 8)`;
    await db.query(
      `WITH b AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n FROM body)
       INSERT INTO communique (body_id, status, current_revision, published_revision, title_en, title_fr, body_en, body_fr, published_at, created_at, updated_at)
       SELECT b.id, 'published', 1 + i % 2, 1 + i % 2, format('Joint communiqué %s of the intergovernmental task force', i),
              format('Communiqué conjoint %s du groupe de travail intergouvernemental', i), ${text('en')}, ${text('fr')},
              p, p - interval '3 days', p
         FROM generate_series(1, $1::int) i
         CROSS JOIN LATERAL (SELECT timestamptz '2017-08-20 15:00Z' + (i * 5 || ' days')::interval AS p) t
         JOIN b ON b.k = i % b.n`,
      [volume.communiques],
    );
    // Every second communiqué was corrected once: revision 2 is a visible correction of revision 1.
    await db.query(
      `INSERT INTO communique_revision (communique_id, number, title_en, title_fr, body_en, body_fr, is_correction, correction_note_en, correction_note_fr, footnotes, published_at, created_at)
       SELECT c.id, r, c.title_en, c.title_fr, c.body_en, c.body_fr, r = 2,
              CASE WHEN r = 2 THEN 'Corrected the figure for Manitoba.' END, CASE WHEN r = 2 THEN 'Correction du chiffre du Manitoba.' END,
              '{"en": [], "fr": []}'::jsonb, c.published_at + ((r - 1) || ' days')::interval, c.created_at
         FROM communique c CROSS JOIN LATERAL generate_series(1, c.current_revision) r`,
    );
    await db.query('COMMIT');
    await db.query('ANALYZE');
    const counts: Record<string, number> = {};
    for (const table of [
      'government',
      'user_account',
      'body',
      'membership',
      'meeting',
      'action_item',
      'action_item_update',
      'communique',
      'communique_revision',
    ]) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = rows[0].n;
    }
    return { counts, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}
