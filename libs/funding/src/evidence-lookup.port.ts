import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The seam to the documents library: which body each evidence document belongs to. Claims accept only
 * documents of the program's own body; an id it does not know is refused like one from another body.
 */
export interface EvidenceLookup {
  /** id → bodyId for the documents that exist (unknown ids are simply absent), read in the caller's transaction */
  bodyOfDocuments(ids: string[], em: EntityManager): Promise<Map<string, string>>;
}

export const EVIDENCE_LOOKUP = Symbol('EVIDENCE_LOOKUP');

/**
 * Until the documents library provides its own: reads the `document` table (id, body_id) when it exists,
 * and otherwise knows no document at all.
 */
@Injectable()
export class DocumentTableEvidenceLookup implements EvidenceLookup {
  async bodyOfDocuments(ids: string[], em: EntityManager): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const [{ t }] = await em.query(`SELECT to_regclass('public.document') IS NOT NULL AS t`);
    if (!t) return new Map();
    const rows: { id: string; body_id: string }[] = await em.query(`SELECT id, body_id FROM document WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.body_id]));
  }
}
