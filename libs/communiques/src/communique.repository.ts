import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { BodyScope } from '@forum/bodies';
import { parseSearch, tsquerySql, tsvectorSql } from '@forum/core';
import { Communique, CommuniqueStatus } from './communique.entity';
import { CommuniqueConcurrence } from './communique-concurrence.entity';
import { CommuniqueRevision } from './communique-revision.entity';
import { pendingCorrectionSql } from './communique.sql';

/** What the public may ever see: published text, and withdrawn text kept with its notice. */
export const PUBLIC_STATUSES: CommuniqueStatus[] = ['published', 'withdrawn'];

@Injectable()
export class CommuniqueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(Communique);
  }

  findById(id: string, em?: EntityManager, lock = false): Promise<Communique | null> {
    return this.repo(em).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
  }

  /** the body of each communiqué, for the access check (one query for many ids) */
  accessFacts(ids: string[]): Promise<Array<Pick<Communique, 'id' | 'bodyId'>>> {
    if (!ids.length) return Promise.resolve([]);
    return this.repo().find({ select: { id: true, bodyId: true }, where: { id: In(ids) } });
  }

  page(filter: { scope: BodyScope; bodyId?: string; meetingId?: string; status?: string }, limit: number, offset: number): Promise<[Communique[], number]> {
    const qb = this.repo().createQueryBuilder('c');
    if (filter.scope.kind === 'bodies') {
      if (!filter.scope.bodyIds.length) return Promise.resolve([[], 0]);
      qb.andWhere('c.body_id IN (:...scope)', { scope: filter.scope.bodyIds });
    }
    if (filter.bodyId) qb.andWhere('c.body_id = :bodyId', { bodyId: filter.bodyId });
    if (filter.meetingId) qb.andWhere('c.meeting_id = :meetingId', { meetingId: filter.meetingId });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    return qb.orderBy('c.updated_at', 'DESC').addOrderBy('c.id', 'ASC').take(limit).skip(offset).getManyAndCount();
  }

  /** published (and withdrawn) communiqués, newest first; the text searched is the public text, in either language */
  publicPage(filter: { bodyId?: string; year?: number; q?: string }, limit: number, offset: number): Promise<[Communique[], number]> {
    const qb = this.repo().createQueryBuilder('c').where('c.status IN (:...statuses)', { statuses: PUBLIC_STATUSES });
    if (filter.bodyId) qb.andWhere('c.body_id = :bodyId', { bodyId: filter.bodyId });
    if (filter.year) {
      qb.andWhere(`c.published_at >= make_timestamptz(:year, 1, 1, 0, 0, 0, 'America/Toronto')`, { year: filter.year });
      qb.andWhere(`c.published_at < make_timestamptz(:next, 1, 1, 0, 0, 0, 'America/Toronto')`, { next: filter.year + 1 });
    }
    if (filter.q?.trim()) {
      // the forum's search rules: accents and case ignored, stemming in each language, every word, the last as a prefix
      const { head, prefix } = parseSearch(filter.q);
      const matches = (en: string, fr: string) => `(${en} @@ ${tsquerySql('en', ':head', ':prefix')} OR ${fr} @@ ${tsquerySql('fr', ':head', ':prefix')})`;
      // the communiqué's row stores its vectors (search_en = the vector of its title and body, SearchVectors migration)
      const inRow = matches('c.search_en', 'c.search_fr');
      const inRevision = matches(tsvectorSql('en', 'r.title_en', 'r.body_en'), tsvectorSql('fr', 'r.title_fr', 'r.body_fr'));
      // The row holds the current text, which is a proposed correction's while it awaits concurrence: the public
      // searches the published revision then, or a proposed word would find the communiqué before it is published.
      const pending = pendingCorrectionSql('c');
      qb.andWhere(
        `((NOT ${pending} AND ${inRow}) OR (${pending} AND EXISTS (SELECT 1 FROM communique_revision r WHERE r.communique_id = c.id AND r.number = c.published_revision AND ${inRevision})))`,
        { head, prefix },
      );
    }
    return qb.orderBy('c.published_at', 'DESC').addOrderBy('c.id', 'ASC').take(limit).skip(offset).getManyAndCount();
  }

  /** what the public list can be filtered by: the bodies and the years (Toronto time) that have public communiqués */
  async publicFacets(): Promise<{ bodyIds: string[]; years: number[] }> {
    const rows: { body_id: string | null; year: number | null }[] = await this.dataSource.query(
      `SELECT DISTINCT body_id, NULL::int AS year FROM communique WHERE status = ANY($1)
       UNION ALL
       SELECT DISTINCT NULL::uuid, extract(year FROM published_at AT TIME ZONE 'America/Toronto')::int FROM communique WHERE status = ANY($1)`,
      [PUBLIC_STATUSES],
    );
    return {
      bodyIds: rows.filter((r) => r.body_id).map((r) => r.body_id!),
      years: rows
        .filter((r) => r.year != null)
        .map((r) => Number(r.year))
        .sort((a, b) => b - a),
    };
  }

  findPublic(id: string): Promise<Communique | null> {
    return this.repo().findOneBy({ id, status: In(PUBLIC_STATUSES) });
  }

  /** the last time anything public changed: a publication, a correction or a withdrawal (for Last-Modified) */
  /** Changes whenever anything the public can see changes: a publication, a correction, a withdrawal. */
  async publicStamp(): Promise<string> {
    const rows: { stamp: string }[] = await this.dataSource.query(
      `SELECT coalesce(max(updated_at)::text, '-') || '/' || count(*) AS stamp FROM communique WHERE status = ANY($1)`,
      [PUBLIC_STATUSES],
    );
    return rows[0].stamp;
  }

  async lastPublicChange(id?: string): Promise<Date | null> {
    const rows: { at: Date | null }[] = await this.dataSource.query(
      `SELECT max(greatest(r.published_at, c.withdrawn_at)) AS at
         FROM communique c JOIN communique_revision r ON r.communique_id = c.id AND r.number = c.published_revision
        WHERE c.status = ANY($1) AND ($2::uuid IS NULL OR c.id = $2)`,
      [PUBLIC_STATUSES, id ?? null],
    );
    return rows[0]?.at ? new Date(rows[0].at) : null;
  }

  /**
   * Publishes every approved communiqué whose embargo has lifted. The status test inside the UPDATE
   * makes it exactly once: a second caller (a retried job, another worker, the start-up sweep) finds
   * the row already published and gets nothing back.
   */
  async publishDueEmbargoes(now: Date, em: EntityManager): Promise<Communique[]> {
    const [rows]: [{ id: string }[], number] = await em.query(
      `UPDATE communique
          SET status = 'published', published_at = COALESCE(published_at, $1), published_revision = current_revision,
              embargo_until = NULL, updated_at = $1
        WHERE status = 'approved' AND embargo_until IS NOT NULL AND embargo_until <= $1
        RETURNING id`,
      [now],
    );
    if (!rows.length) return [];
    return this.repo(em).findBy({ id: In(rows.map((r) => r.id)) });
  }

  /** the body a meeting belongs to, or null when there is no such meeting */
  async meetingBodyId(meetingId: string, em?: EntityManager): Promise<string | null> {
    const rows: { body_id: string }[] = await (em ?? this.dataSource.manager).query(`SELECT body_id FROM meeting WHERE id = $1`, [meetingId]);
    return rows[0]?.body_id ?? null;
  }

  insert(communique: Partial<Communique>, em: EntityManager): Promise<Communique> {
    return this.repo(em).save(this.repo(em).create(communique));
  }

  save(communique: Communique, em: EntityManager): Promise<Communique> {
    return this.repo(em).save(communique);
  }
}

@Injectable()
export class CommuniqueRevisionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(CommuniqueRevision);
  }

  listOf(communiqueId: string, em?: EntityManager): Promise<CommuniqueRevision[]> {
    return this.repo(em).find({ where: { communiqueId }, order: { number: 'ASC' } });
  }

  findByNumber(communiqueId: string, number: number, em?: EntityManager): Promise<CommuniqueRevision | null> {
    return this.repo(em).findOneBy({ communiqueId, number });
  }

  /** the corrections the public has seen of each communiqué, oldest first */
  publicCorrectionsOf(communiqueIds: string[]): Promise<CommuniqueRevision[]> {
    if (!communiqueIds.length) return Promise.resolve([]);
    return this.repo()
      .createQueryBuilder('r')
      .where('r.communique_id IN (:...communiqueIds) AND r.is_correction AND r.published_at IS NOT NULL', { communiqueIds })
      .orderBy('r.number', 'ASC')
      .getMany();
  }

  findPublished(pairs: { communiqueId: string; number: number }[]): Promise<CommuniqueRevision[]> {
    if (!pairs.length) return Promise.resolve([]);
    return this.repo().find({ where: pairs.map((p) => ({ communiqueId: p.communiqueId, number: p.number })) });
  }

  insert(revision: Partial<CommuniqueRevision>, em: EntityManager): Promise<CommuniqueRevision> {
    return this.repo(em).save(this.repo(em).create(revision));
  }

  save(revision: CommuniqueRevision, em: EntityManager): Promise<CommuniqueRevision> {
    return this.repo(em).save(revision);
  }

  async markPublished(communiqueId: string, number: number, at: Date, em: EntityManager): Promise<void> {
    await this.repo(em).update({ communiqueId, number, publishedAt: IsNull() }, { publishedAt: at });
  }
}

@Injectable()
export class CommuniqueConcurrenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(CommuniqueConcurrence);
  }

  /** every position taken, on every revision, oldest first */
  listOf(communiqueId: string, em?: EntityManager): Promise<CommuniqueConcurrence[]> {
    return this.repo(em).find({ where: { communiqueId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** the government's position that counts on this revision (not superseded) */
  findOn(communiqueId: string, revision: number, governmentId: string, em?: EntityManager): Promise<CommuniqueConcurrence | null> {
    return this.repo(em).findOneBy({ communiqueId, revision, governmentId, supersededAt: IsNull() });
  }

  /** a new position on the same revision: the previous one stops counting and is kept */
  async supersede(id: string, at: Date, em: EntityManager): Promise<void> {
    await this.repo(em).update({ id }, { supersededAt: at });
  }

  /** the positions that count on one revision (neither superseded nor voided) */
  currentOn(communiqueId: string, revision: number): Promise<CommuniqueConcurrence[]> {
    return this.repo().findBy({ communiqueId, revision, supersededAt: IsNull(), voidedAt: IsNull() });
  }

  onRevision(communiqueId: string, revision: number, em?: EntityManager): Promise<CommuniqueConcurrence[]> {
    return this.repo(em).find({ where: { communiqueId, revision }, order: { createdAt: 'ASC' } });
  }

  insert(concurrence: Partial<CommuniqueConcurrence>, em: EntityManager): Promise<CommuniqueConcurrence> {
    return this.repo(em).save(this.repo(em).create(concurrence));
  }

  /** an edit made a new revision: the positions on the old one stop counting, and say when */
  async voidRevision(communiqueId: string, revision: number, at: Date, em: EntityManager): Promise<void> {
    await this.repo(em).update({ communiqueId, revision, voidedAt: IsNull() }, { voidedAt: at });
  }
}
