import { ConfigError, loadConfig, migrateDatabase } from '@forum/core';
import { createApiApp } from './bootstrap';
import { loadDemoData } from './demo/demo-data';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-governments';

async function main(): Promise<void> {
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  const app = await createApiApp(config);
  if (config.demoData) await loadDemoData(app);
  await app.listen({ port: config.port, host: config.host });
  const lines = [`Forum is running at ${config.publicBaseUrl}`, `  API docs: ${config.publicBaseUrl}/api/docs`];
  if (config.demoData) {
    lines.push(`  Demo accounts (password "${DEMO_PASSWORD}"):`, ...DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(28)} ${a.role}`));
  }
  console.log(lines.join('\n'));
}

/** What an operator reads when the API cannot start: one sentence for the expected causes, the error otherwise. */
function startFailure(error: unknown): unknown {
  if (error instanceof ConfigError) return error.message;
  const { code, port, address } = (error ?? {}) as { code?: string; port?: number; address?: string };
  if (code === 'EADDRINUSE') return `Port ${port} is already in use on ${address}: stop what listens there or set PORT to a free port.`;
  if (code === 'EACCES') return `Port ${port} on ${address} needs privileges this user does not have: set PORT to a port above 1023.`;
  return error;
}

main().catch((error: unknown) => {
  console.error(startFailure(error));
  process.exit(1);
});
