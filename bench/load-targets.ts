/*
 * Who asks for what: the (official, item) pairs, list pages and PATCH crews drawn from the loaded volume.
 * Shared by bench/run.ts and bench/soak.ts so both put the same kind of request to the product.
 */
import type { Client } from 'pg';
import type { Official } from './product-stack';

export interface Target {
  path: string;
  headers?: Record<string, string>;
}

type TokenOf = (u: Official) => string;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Items each read by an official of a government that currently sits on the item's body: the reads a member may make. */
export async function itemReadPairs(db: Client, count: number) {
  const { rows } = await db.query<{ item_id: string; user_id: string; email: string; government_id: string }>(
    `SELECT ai.id AS item_id, u.id AS user_id, u.email, u.government_id
       FROM (SELECT id, body_id FROM action_item ORDER BY md5(id::text) LIMIT $1) ai
       JOIN LATERAL (SELECT government_id FROM membership WHERE body_id = ai.body_id AND ended_at IS NULL ORDER BY md5(ai.id::text || government_id::text) LIMIT 1) m ON true
       JOIN LATERAL (SELECT id, email, government_id FROM user_account WHERE government_id = m.government_id ORDER BY md5(ai.id::text || id::text) LIMIT 1) u ON true`,
    [count],
  );
  return rows;
}

export function itemReadTargets(pairs: Awaited<ReturnType<typeof itemReadPairs>>, tokenOf: TokenOf): Target[] {
  return pairs.map((p) => ({
    path: `/api/v1/action-items/${p.item_id}`,
    headers: bearer(tokenOf({ id: p.user_id, email: p.email, governmentId: p.government_id })),
  }));
}

/** One member official per body, reading the body's first page of 50 items with the total. */
export async function listPagePairs(db: Client) {
  const { rows } = await db.query<{ body_id: string; user_id: string; email: string; government_id: string }>(
    `SELECT b.id AS body_id, u.id AS user_id, u.email, u.government_id FROM body b
       JOIN LATERAL (SELECT government_id FROM membership WHERE body_id = b.id AND ended_at IS NULL ORDER BY government_id LIMIT 1) m ON true
       JOIN LATERAL (SELECT id, email, government_id FROM user_account WHERE government_id = m.government_id ORDER BY id LIMIT 1) u ON true`,
  );
  return rows;
}

export function listPageTargets(pairs: Awaited<ReturnType<typeof listPagePairs>>, tokenOf: TokenOf): Target[] {
  return pairs.map((p) => ({
    path: `/api/v1/action-items?bodyId=${p.body_id}&limit=50`,
    headers: bearer(tokenOf({ id: p.user_id, email: p.email, governmentId: p.government_id })),
  }));
}

export interface OfficialRow {
  id: string;
  email: string;
  government_id: string;
}

export async function officialsByGovernment(db: Client): Promise<{ officials: OfficialRow[]; byGovernment: Map<string, Official[]> }> {
  const { rows } = await db.query<OfficialRow>(`SELECT id, email, government_id FROM user_account WHERE role = 'official' ORDER BY email`);
  const byGovernment = new Map<string, Official[]>();
  for (const o of rows)
    byGovernment.set(o.government_id, [...(byGovernment.get(o.government_id) ?? []), { id: o.id, email: o.email, governmentId: o.government_id }]);
  return { officials: rows, byGovernment };
}

export interface HotItem {
  id: string;
  body_id: string;
  lead_government_id: string;
  version: number;
}

/** Items in progress, drawn at random (but stably), leaving out `exclude`. */
export async function itemsInProgress(db: Client, count: number, exclude: string[] = []): Promise<HotItem[]> {
  const { rows } = await db.query<HotItem>(
    `SELECT id, body_id, lead_government_id, version FROM action_item
      WHERE status = 'in_progress' AND NOT (id = ANY($2::uuid[])) ORDER BY md5(id::text) LIMIT $1`,
    [Math.max(1, count), exclude],
  );
  return rows;
}

/** `size` officials of the lead governments, spread evenly over the items, so several share each item and conflicts are real. */
export function patchCrew(items: HotItem[], byGovernment: Map<string, Official[]>, size: number, tokenOf: TokenOf): { token: string; itemId: string }[] {
  const used = new Map<string, number>();
  return Array.from({ length: size }, (_, i) => {
    const item = items[i % items.length];
    const pool = byGovernment.get(item.lead_government_id)!;
    const n = used.get(item.lead_government_id) ?? 0;
    used.set(item.lead_government_id, n + 1);
    return { token: tokenOf(pool[n % pool.length]), itemId: item.id };
  });
}

/** Every body's current members (observers included): who is entitled to a body's events. */
export async function currentMemberships(db: Client): Promise<{ bodiesOfGovernment: Map<string, string[]>; membersOfBody: Map<string, Set<string>> }> {
  const { rows } = await db.query<{ body_id: string; government_id: string }>(`SELECT body_id, government_id FROM membership WHERE ended_at IS NULL`);
  const bodiesOfGovernment = new Map<string, string[]>();
  const membersOfBody = new Map<string, Set<string>>();
  for (const m of rows) {
    bodiesOfGovernment.set(m.government_id, [...(bodiesOfGovernment.get(m.government_id) ?? []), m.body_id]);
    membersOfBody.set(m.body_id, (membersOfBody.get(m.body_id) ?? new Set()).add(m.government_id));
  }
  return { bodiesOfGovernment, membersOfBody };
}
