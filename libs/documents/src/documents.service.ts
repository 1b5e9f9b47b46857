import { EXTRACT_TEXT_JOB } from './text/document-text.service';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import {
  DOCUMENT_ACCESS,
  DOCUMENT_LANGUAGES,
  DOCUMENT_MARKINGS,
  DocumentReason,
  type DocumentAccess,
  type EventAudience,
  type DocumentView,
  type Page,
  type JobIntent,
  QUEUES,
} from '@forum/contracts';
import { BodyAccess, MembershipRepository } from '@forum/bodies';
import {
  Caller,
  EventRecorder,
  FORUM_CONFIG,
  ForumConfig,
  invalid,
  invalidBecause,
  isSecretariat,
  notFound,
  payloadTooLarge,
  readBilingual,
} from '@forum/core';
import { MeetingAccess } from '@forum/meetings';
import { blobKey, DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';
import { Document, DocumentVersion } from './document.entity';
import { DocumentRepository } from './document.repository';
import { toDocumentView } from './document.view';
import { detectFileType } from './file-type.detector';
import { judgeFileType } from './file-type.rule';
import { LegacyBlobs } from './legacy-blobs.service';
import type { DocumentListQuery } from './document.dto';
import { receiveUpload, type ReceivedFile, type ReceivedUpload } from './upload.receiver';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CREATE_FIELDS = new Set(['title', 'titleEn', 'titleFr', 'language', 'access', 'governmentIds', 'marking', 'meetingId', 'agendaItemId', 'counterpartId']);
const TITLE_MAX = 300;

export interface DocumentContent {
  stream: Readable;
  version: DocumentVersion;
  document: Document;
  range: { start: number; end: number } | null;
}

/** The documents of a body: upload (streamed, hashed, type-checked), versions, access and downloads. */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('DocumentsService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FORUM_CONFIG) private readonly config: ForumConfig,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly documents: DocumentRepository,
    private readonly access: BodyAccess,
    private readonly memberships: MembershipRepository,
    private readonly meetings: MeetingAccess,
    private readonly events: EventRecorder,
    private readonly legacy: LegacyBlobs,
  ) {}

  /** A document the caller may read: a body member's (restricted: one of its governments') or the secretariat's; others 404. */
  async readable(caller: Caller, id: string, em?: EntityManager): Promise<Document> {
    const document = await this.documents.findById(id, em);
    if (!document) throw notFound('Document');
    await this.access.requireInsideBody(caller, document.bodyId, 'Document', em);
    if (!this.mayRead(caller, document)) throw notFound('Document');
    return document;
  }

  mayRead(caller: Caller, document: Document): boolean {
    if (isSecretariat(caller)) return true;
    return document.access === 'members' || (!!caller.governmentId && document.governmentIds.includes(caller.governmentId));
  }

  async get(caller: Caller, id: string): Promise<DocumentView> {
    const document = await this.readable(caller, id);
    return toDocumentView(document, await this.documents.versionsOf([document.id]), caller.locale);
  }

  async list(caller: Caller, bodyId: string, query: DocumentListQuery): Promise<Page<DocumentView>> {
    await this.access.requireBody(bodyId);
    await this.access.requireInsideBody(caller, bodyId, 'Body');
    const [items, total] = await this.documents.page(
      { bodyId, readerGovernmentId: isSecretariat(caller) ? null : caller.governmentId, meetingId: query.meetingId, agendaItemId: query.agendaItemId },
      query.limit,
      query.offset,
    );
    const versions = await this.documents.versionsOf(items.map((d) => d.id));
    return { items: items.map((d) => toDocumentView(d, versions, caller.locale)), total };
  }

  /** POST /bodies/:id/documents: the file is streamed to storage first, then checked, then recorded. */
  async create(caller: Caller, bodyId: string, request: FastifyRequest): Promise<DocumentView> {
    await this.access.requireBody(bodyId);
    await this.access.requireInsideBody(caller, bodyId, 'Body');
    const upload = await receiveUpload(request, this.storage, this.config.documentMaxBytes);
    return this.keepOrDiscard(upload, async (file) => {
      const unknown = Object.keys(upload.fields).filter((f) => !CREATE_FIELDS.has(f));
      if (unknown.length) throw invalid(unknown.map((f) => `property ${f} should not exist`));
      const fields = this.singleFields(upload.fields, [
        'title',
        'titleEn',
        'titleFr',
        'language',
        'access',
        'marking',
        'meetingId',
        'agendaItemId',
        'counterpartId',
      ]);
      const title = readBilingual(fields as Record<string, string>, 'title', caller.locale, { required: true })!;
      const errors: string[] = [];
      for (const side of ['en', 'fr'] as const)
        if ((title.text[side]?.length ?? 0) > TITLE_MAX)
          errors.push(`title${side === 'en' ? 'En' : 'Fr'} must be shorter than or equal to ${TITLE_MAX} characters`);
      const language = this.oneOf(fields.language, 'language', DOCUMENT_LANGUAGES, title.sourceLang, errors);
      const access = this.oneOf(fields.access, 'access', DOCUMENT_ACCESS, 'members', errors);
      const marking = this.oneOf(fields.marking, 'marking', DOCUMENT_MARKINGS, 'unclassified', errors);
      for (const key of ['meetingId', 'agendaItemId', 'counterpartId'] as const) {
        if (fields[key] !== undefined && !UUID.test(fields[key]!)) errors.push(`${key} must be a UUID`);
      }
      const governmentIds = [
        ...new Set(
          (upload.fields.governmentIds ?? [])
            .flatMap((v) => v.split(','))
            .map((v) => v.trim())
            .filter(Boolean),
        ),
      ];
      if (governmentIds.some((g) => !UUID.test(g))) errors.push('each governmentIds must be a UUID');
      if (errors.length) throw invalid(errors);
      await this.checkAccessList(caller, bodyId, access, governmentIds);
      const verdict = await this.checkFile(file);
      return this.dataSource.transaction(async (em) => {
        const attachment = await this.attachment(caller, bodyId, fields.meetingId, fields.agendaItemId, em);
        if (fields.counterpartId) {
          const counterpart = await this.documents.findById(fields.counterpartId, em);
          if (!counterpart || counterpart.bodyId !== bodyId || !this.mayRead(caller, counterpart))
            throw invalid('counterpartId must be a document of this body');
        }
        const document = await this.documents.insert(
          {
            bodyId,
            meetingId: attachment.meetingId,
            agendaItemId: attachment.agendaItemId,
            title: title.text,
            sourceLang: title.sourceLang,
            language,
            access,
            governmentIds: access === 'restricted' ? governmentIds : [],
            marking,
            counterpartId: fields.counterpartId ?? null,
            latestVersion: 1,
            createdByUserId: caller.userId,
          },
          em,
        );
        if (fields.counterpartId) {
          // the pair points both ways
          await em.query(`UPDATE document SET counterpart_id = $1 WHERE id = $2 AND counterpart_id IS NULL`, [document.id, fields.counterpartId]);
        }
        const version = await this.documents.insertVersion(this.versionRow(document.id, 1, file, verdict, caller), em);
        await this.events.record(
          em,
          {
            actorUserId: caller.userId,
            action: 'document.added',
            entityType: 'document',
            entityId: document.id,
            changes: {
              bodyId,
              title: title.text,
              language,
              access,
              governmentIds: document.governmentIds,
              marking,
              meetingId: document.meetingId,
              agendaItemId: document.agendaItemId,
              version: 1,
              sha256: file.sha256,
              size: file.size,
              fileName: file.fileName,
            },
          },
          [{ name: 'document.added', payload: { id: document.id, bodyId }, audience: this.audienceOf(document), jobs: [this.textJob(document.id, 1)] }],
        );
        return toDocumentView(document, [version], caller.locale);
      });
    });
  }

  /** POST /documents/:id/versions: a new file for the document; every earlier version is kept. */
  async addVersion(caller: Caller, id: string, request: FastifyRequest): Promise<DocumentView> {
    await this.readable(caller, id);
    const upload = await receiveUpload(request, this.storage, this.config.documentMaxBytes);
    return this.keepOrDiscard(upload, async (file) => {
      const unknown = Object.keys(upload.fields);
      if (unknown.length) throw invalid(unknown.map((f) => `property ${f} should not exist`));
      const verdict = await this.checkFile(file);
      return this.dataSource.transaction(async (em) => {
        const document = await this.documents.lockById(id, em);
        if (!document || !this.mayRead(caller, document)) throw notFound('Document');
        document.latestVersion += 1;
        await this.documents.save(document, em);
        await this.documents.insertVersion(this.versionRow(document.id, document.latestVersion, file, verdict, caller), em);
        await this.events.record(
          em,
          {
            actorUserId: caller.userId,
            action: 'document.version-added',
            entityType: 'document',
            entityId: document.id,
            changes: { version: document.latestVersion, sha256: file.sha256, size: file.size, fileName: file.fileName },
          },
          [
            {
              name: 'document.updated',
              payload: { id: document.id, bodyId: document.bodyId },
              audience: this.audienceOf(document),
              jobs: [this.textJob(document.id, document.latestVersion)],
            },
          ],
        );
        return toDocumentView(document, await this.documents.versionsOf([document.id], em), caller.locale);
      });
    });
  }

  /** The bytes of one version (the latest by default), or a range of them; every download is audited. */
  async open(
    caller: Caller,
    id: string,
    versionNumber: number | undefined,
    range: (size: number) => { start: number; end: number } | null | 'unsatisfiable',
  ): Promise<DocumentContent | { unsatisfiable: true; size: number }> {
    const document = await this.readable(caller, id);
    const version = await this.documents.findVersion(document.id, versionNumber ?? document.latestVersion);
    if (!version) throw notFound('Document version');
    const wanted = range(version.size);
    if (wanted === 'unsatisfiable') return { unsatisfiable: true, size: version.size };
    const stream = (await this.storage.stat(blobKey(version.sha256)))
      ? await this.storage.read(blobKey(version.sha256), wanted ?? undefined)
      : ((await this.legacy.read(version.sha256, wanted ?? undefined)) ?? (await this.storage.read(blobKey(version.sha256), wanted ?? undefined)));
    await this.dataSource.transaction((em) =>
      this.events.record(em, {
        actorUserId: caller.userId,
        action: 'document.downloaded',
        entityType: 'document',
        entityId: document.id,
        changes: { version: version.number, sha256: version.sha256, range: wanted ? `${wanted.start}-${wanted.end}` : null },
      }),
    );
    return { stream, version, document, range: wanted };
  }

  /**
   * For other capabilities that point at documents (funding claims' evidence): every id must be a document
   * of that body the caller may read, else a 400 naming it.
   */
  async requireEvidence(caller: Caller, bodyId: string, ids: string[], em?: EntityManager): Promise<Document[]> {
    const unique = [...new Set(ids)];
    const found = await this.documents.findByIds(unique, em);
    const byId = new Map(found.map((d) => [d.id, d]));
    const bad = unique.filter((id) => {
      const d = byId.get(id);
      return !d || d.bodyId !== bodyId || !this.mayRead(caller, d);
    });
    if (bad.length) throw invalid(bad.map((id) => `evidenceDocumentIds: ${id} is not a document of this body`));
    return unique.map((id) => byId.get(id)!);
  }

  /** The documents of a meeting the caller may read, with their versions (for the agenda package). */
  async ofMeeting(caller: Caller, meetingId: string): Promise<{ documents: Document[]; versions: DocumentVersion[] }> {
    const documents = await this.documents.ofMeeting(meetingId, isSecretariat(caller) ? null : caller.governmentId);
    return { documents, versions: await this.documents.versionsOf(documents.map((d) => d.id)) };
  }

  // ---------------------------------------------------------------------------------------------

  audienceOf(document: Document): EventAudience {
    return document.access === 'restricted'
      ? { kind: 'governments', bodyId: document.bodyId, governmentIds: document.governmentIds }
      : { kind: 'body', bodyId: document.bodyId };
  }

  private versionRow(documentId: string, number: number, file: ReceivedFile, verdict: { contentType: string }, caller: Caller): Partial<DocumentVersion> {
    return {
      documentId,
      number,
      size: file.size,
      sha256: file.sha256,
      contentType: verdict.contentType,
      fileName: file.fileName,
      uploadedByUserId: caller.userId,
    };
  }

  /**
   * Runs `work` with the received file moved under its content key; any failure (a refused field, a
   * rolled-back transaction) removes the bytes again unless a committed version holds the same ones.
   */
  private async keepOrDiscard<T>(upload: ReceivedUpload, work: (file: ReceivedFile) => Promise<T>): Promise<T> {
    const file = upload.file;
    if (!file) throw invalid('file must be given');
    if (file.tooLarge) {
      await this.storage.discard(file.staged);
      throw payloadTooLarge(`the file is larger than ${this.config.documentMaxBytes} bytes`);
    }
    if (file.size === 0) {
      await this.storage.discard(file.staged);
      throw invalidBecause(DocumentReason.EmptyFile, 'the file is empty');
    }
    const key = blobKey(file.sha256);
    const existed = (await this.storage.stat(key)) !== null;
    try {
      await this.storage.commit(file.staged, key);
    } catch (error) {
      await this.storage.discard(file.staged).catch(() => undefined);
      throw error;
    }
    try {
      return await work(file);
    } catch (error) {
      if (!existed && !(await this.documents.isReferenced(file.sha256).catch(() => true))) {
        await this.storage.remove(key).catch((e) => this.logger.warn(`could not remove ${key}: ${(e as Error).message}; the sweep will`));
      }
      throw error;
    }
  }

  private async checkFile(file: ReceivedFile): Promise<{ contentType: string }> {
    const verdict = judgeFileType(await detectFileType(file.head), file.fileName, file.declaredType, file.utf8Text);
    if (!verdict.ok) throw invalidBecause(DocumentReason.TypeMismatch, verdict.message);
    return verdict;
  }

  private singleFields<K extends string>(fields: Record<string, string[]>, names: K[]): Partial<Record<K, string>> {
    const out: Partial<Record<K, string>> = {};
    const repeated = names.filter((n) => (fields[n]?.length ?? 0) > 1);
    if (repeated.length) throw invalid(repeated.map((n) => `${n} must be given once`));
    for (const n of names) if (fields[n]) out[n] = fields[n][0];
    return out;
  }

  private oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[], fallback: T, errors: string[]): T {
    if (value === undefined || value === '') return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      errors.push(`${name} must be one of the following values: ${allowed.join(', ')}`);
      return fallback;
    }
    return value as T;
  }

  /** restricted: named member governments, the official's own among them; members: no list */
  private async checkAccessList(caller: Caller, bodyId: string, access: DocumentAccess, governmentIds: string[]): Promise<void> {
    if (access === 'members') {
      if (governmentIds.length) throw invalid('governmentIds is only for restricted documents');
      return;
    }
    if (!governmentIds.length) throw invalid('a restricted document needs governmentIds');
    if (!isSecretariat(caller) && !governmentIds.includes(caller.governmentId!)) throw invalid("governmentIds must include the uploader's own government");
    const errors: string[] = [];
    for (const g of governmentIds) if (!(await this.memberships.findActive(bodyId, g))) errors.push(`governmentIds: ${g} is not a member of this body`);
    if (errors.length) throw invalid(errors);
  }

  /** meetingId / agendaItemId: a meeting of the same body the caller may see, an item of that meeting */
  private async attachment(
    caller: Caller,
    bodyId: string,
    meetingId: string | undefined,
    agendaItemId: string | undefined,
    em: EntityManager,
  ): Promise<{ meetingId: string | null; agendaItemId: string | null }> {
    let meeting = meetingId ?? null;
    if (agendaItemId) {
      const rows: { meeting_id: string }[] = await em.query(`SELECT meeting_id FROM agenda_item WHERE id = $1`, [agendaItemId]);
      if (!rows.length || (meeting && rows[0].meeting_id !== meeting)) throw invalid('agendaItemId must be an item of the meeting');
      meeting = rows[0].meeting_id;
    }
    if (meeting) {
      const found = await this.meetings.readable(caller, meeting, em).catch(() => null);
      if (!found || found.bodyId !== bodyId) throw invalid('meetingId must be a meeting of this body');
    }
    return { meetingId: meeting, agendaItemId: agendaItemId ?? null };
  }

  /** the worker reads the words of this version for search */
  private textJob(documentId: string, version: number): JobIntent {
    return { queue: QUEUES.documentText, name: EXTRACT_TEXT_JOB, jobId: `text-${documentId}-${version}`, data: { documentId } };
  }
}
