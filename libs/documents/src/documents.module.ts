import './documents.translations';
import { DocumentTextCatchUp, DocumentTextProcessor } from './text/document-text.processor';
import { DocumentTextService } from './text/document-text.service';
import { DocumentLocator } from './document.locator';
import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { BodiesModule } from '@forum/bodies';
import { FORUM_CONFIG, type ForumConfig } from '@forum/core';
import { CommuniquesCoreModule } from '@forum/communiques';
import { MeetingsModule } from '@forum/meetings';
import { MeetingPdfsController } from './pdf/meeting-pdfs.controller';
import { MeetingPdfs } from './pdf/meeting-pdfs.service';
import { PacketBuilder, PacketBuilds } from './pdf/packet-builder';
import { PacketProcessor } from './pdf/packet.processor';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';
import { DocumentRepository } from './document.repository';
import { DocumentSweep, DocumentSweepSchedule } from './document-sweep.service';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { FilesystemStorage } from './filesystem-storage';
import { LegacyBlobs } from './legacy-blobs.service';
import { parseS3Url, S3Storage } from './s3-storage';

/** S3 when S3_URL is set, else the filesystem under FORUM_DOCUMENTS_DIR. */
export function createDocumentStorage(config: ForumConfig): DocumentStorage {
  return config.s3Url ? new S3Storage(parseS3Url(config.s3Url)) : new FilesystemStorage(config.documentsDir);
}

const storageProvider = { provide: DOCUMENT_STORAGE, inject: [FORUM_CONFIG], useFactory: createDocumentStorage };

@Injectable()
class StorageLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage) {}
  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

@Module({
  imports: [BodiesModule, MeetingsModule, CommuniquesCoreModule],
  controllers: [DocumentsController, MeetingPdfsController],
  providers: [
    storageProvider,
    StorageLifecycle,
    DocumentRepository,
    DocumentLocator,
    DocumentsService,
    DocumentSweep,
    MeetingPdfs,
    PacketBuilder,
    PacketBuilds,
    LegacyBlobs,
  ],
  exports: [DocumentsService, DocumentRepository, DOCUMENT_STORAGE],
})
export class DocumentsModule {}

/** The documents jobs of the worker process: the orphan sweep and the agenda packages. */
@Module({
  providers: [
    storageProvider,
    StorageLifecycle,
    DocumentRepository,
    DocumentSweep,
    DocumentSweepSchedule,
    PacketBuilder,
    PacketProcessor,
    LegacyBlobs,
    DocumentTextService,
    DocumentTextProcessor,
    DocumentTextCatchUp,
  ],
  exports: [DocumentTextService],
})
export class DocumentsWorkerModule {}
