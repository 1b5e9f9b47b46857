import type { DemoContext } from '@forum/core';

/** Demo data for meetings, from the domain (see ../shared/DOMAIN.md); idempotent through DemoContext.once. */
export async function seedMeetings(_demo: DemoContext): Promise<void> {
  // filled in by the meetings capability
}
