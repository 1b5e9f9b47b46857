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

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
