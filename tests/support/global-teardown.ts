export default async function globalTeardown(): Promise<void> {
  // Test databases are dropped by each file; leftovers of a crashed run go at the next global setup.
}
