import { Injectable } from '@nestjs/common';
import { type LocatedTarget, LocatesTarget, TargetKind, type TargetLocator } from '@forum/core';
import { DocumentRepository } from './document.repository';

/** A document's body, for the access check (a restricted document's governments are the service's to check). */
@Injectable()
@LocatesTarget(TargetKind.Document)
export class DocumentLocator implements TargetLocator {
  constructor(private readonly documents: DocumentRepository) {}

  async locate(ids: string[]): Promise<Map<string, LocatedTarget>> {
    const rows = await this.documents.findByIds(ids);
    return new Map(rows.map((d) => [d.id, { bodyId: d.bodyId }]));
  }
}
