import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Document, DocumentVersion } from './document.entity';

export interface DocumentFilter {
  bodyId: string;
  /** null: the secretariat, who reads restricted documents too */
  readerGovernmentId: string | null;
  meetingId?: string;
  agendaItemId?: string;
}

@Injectable()
export class DocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(Document);
  }
  private versionRepo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(DocumentVersion);
  }

  findById(id: string, em?: EntityManager): Promise<Document | null> {
    return this.repo(em).findOneBy({ id });
  }

  lockById(id: string, em: EntityManager): Promise<Document | null> {
    return this.repo(em).createQueryBuilder('d').setLock('pessimistic_write').where('d.id = :id', { id }).getOne();
  }

  findByIds(ids: string[], em?: EntityManager): Promise<Document[]> {
    return ids.length ? this.repo(em).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** a body's documents the reader may see (restricted ones only for their governments), newest first */
  page(filter: DocumentFilter, limit: number, offset: number): Promise<[Document[], number]> {
    const qb = this.repo().createQueryBuilder('d').where('d.body_id = :bodyId', { bodyId: filter.bodyId });
    if (filter.readerGovernmentId !== null) {
      qb.andWhere(`(d.access = 'members' OR :gov = ANY(d.government_ids))`, { gov: filter.readerGovernmentId });
    }
    if (filter.meetingId) qb.andWhere('d.meeting_id = :meetingId', { meetingId: filter.meetingId });
    if (filter.agendaItemId) qb.andWhere('d.agenda_item_id = :agendaItemId', { agendaItemId: filter.agendaItemId });
    return qb.orderBy('d.created_at', 'DESC').addOrderBy('d.id', 'ASC').take(limit).skip(offset).getManyAndCount();
  }

  /** the documents attached to a meeting or its agenda items that the reader may see, oldest first */
  ofMeeting(meetingId: string, readerGovernmentId: string | null, em?: EntityManager): Promise<Document[]> {
    const qb = this.repo(em).createQueryBuilder('d').where('d.meeting_id = :meetingId', { meetingId });
    if (readerGovernmentId !== null) qb.andWhere(`(d.access = 'members' OR :gov = ANY(d.government_ids))`, { gov: readerGovernmentId });
    return qb.orderBy('d.created_at', 'ASC').addOrderBy('d.id', 'ASC').getMany();
  }

  versionsOf(documentIds: string[], em?: EntityManager): Promise<DocumentVersion[]> {
    if (!documentIds.length) return Promise.resolve([]);
    return this.versionRepo(em).find({ where: { documentId: In(documentIds) }, order: { number: 'ASC' } });
  }

  findVersion(documentId: string, number: number, em?: EntityManager): Promise<DocumentVersion | null> {
    return this.versionRepo(em).findOneBy({ documentId, number });
  }

  insert(document: Partial<Document>, em: EntityManager): Promise<Document> {
    return this.repo(em).save(this.repo(em).create(document));
  }

  save(document: Document, em: EntityManager): Promise<Document> {
    return this.repo(em).save(document);
  }

  insertVersion(version: Partial<DocumentVersion>, em: EntityManager): Promise<DocumentVersion> {
    return this.versionRepo(em).save(this.versionRepo(em).create(version));
  }

  /** whether any version holds these bytes (a blob no version holds is an orphan) */
  async isReferenced(sha256: string, em?: EntityManager): Promise<boolean> {
    return (await this.versionRepo(em).countBy({ sha256 })) > 0;
  }

  /** of these hashes, those some version holds */
  async referenced(sha256s: string[]): Promise<Set<string>> {
    if (!sha256s.length) return new Set();
    const rows: { sha256: string }[] = await this.dataSource.query(`SELECT DISTINCT sha256 FROM document_version WHERE sha256 = ANY($1)`, [sha256s]);
    return new Set(rows.map((r) => r.sha256));
  }
}
