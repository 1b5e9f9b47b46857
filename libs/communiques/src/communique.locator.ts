import { Injectable } from '@nestjs/common';
import { type LocatedTarget, LocatesTarget, TargetKind, type TargetLocator } from '@forum/core';
import { CommuniqueRepository } from './communique.repository';

/** A communiqué's body, for the access check. */
@Injectable()
@LocatesTarget(TargetKind.Communique)
export class CommuniqueLocator implements TargetLocator {
  constructor(private readonly communiques: CommuniqueRepository) {}

  async locate(ids: string[]): Promise<Map<string, LocatedTarget>> {
    const rows = await this.communiques.accessFacts(ids);
    return new Map(rows.map((c) => [c.id, { bodyId: c.bodyId }]));
  }
}
