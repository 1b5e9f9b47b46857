import { Injectable } from '@nestjs/common';
import { type LocatedTarget, LocatesTarget, TargetKind, type TargetLocator } from '@forum/core';
import { BodyRepository } from '../body.repository';

/** A body is its own body: the target of routes under `/bodies/:id`. */
@Injectable()
@LocatesTarget(TargetKind.Body)
export class BodyLocator implements TargetLocator {
  constructor(private readonly bodies: BodyRepository) {}

  async locate(ids: string[]): Promise<Map<string, LocatedTarget>> {
    const found = await this.bodies.existingIds(ids);
    return new Map(found.map((id) => [id, { bodyId: id }]));
  }

  async locateFor(id: string, governmentId: string): Promise<LocatedTarget | undefined> {
    const body = await this.bodies.withSeatOf(id, governmentId);
    return body ? { bodyId: body.id, seat: body.seat } : undefined;
  }
}
