import { Injectable } from '@nestjs/common';
import { type LocatedTarget, LocatesTarget, TargetKind, type TargetLocator } from '@forum/core';
import { ActionItemRepository } from './action-item.repository';

/** An action item's body and lead government, for the access check. */
@Injectable()
@LocatesTarget(TargetKind.ActionItem)
export class ActionItemLocator implements TargetLocator {
  constructor(private readonly items: ActionItemRepository) {}

  async locate(ids: string[]): Promise<Map<string, LocatedTarget>> {
    const rows = await this.items.accessFacts(ids);
    return new Map(rows.map((i) => [i.id, { bodyId: i.bodyId, leadGovernmentId: i.leadGovernmentId }]));
  }

  /** the whole item comes back as the record: an official's GET /action-items/:id is this one query */
  async locateFor(id: string, governmentId: string): Promise<LocatedTarget | undefined> {
    const found = await this.items.withSeatOf(id, governmentId);
    return found ? { bodyId: found.item.bodyId, leadGovernmentId: found.item.leadGovernmentId, seat: found.seat, record: found.item } : undefined;
  }
}
