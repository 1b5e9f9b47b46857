import type { DemoContext } from '@forum/core';

/** Demo data for communiques, from the domain (see ../shared/DOMAIN.md); idempotent through DemoContext.once. */
export async function seedCommuniques(_demo: DemoContext): Promise<void> {
  // filled in by the communiques capability
}
