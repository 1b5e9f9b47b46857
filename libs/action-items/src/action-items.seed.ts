import type { DemoContext } from '@forum/core';

/** Demo data for action-items, from the domain (see ../shared/DOMAIN.md); idempotent through DemoContext.once. */
export async function seedActionItems(_demo: DemoContext): Promise<void> {
  // filled in by the action-items capability
}
