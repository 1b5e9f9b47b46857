import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/**
 * The packages `npm ci --omit=dev` installs, read from the lockfile: every top-level node_modules entry not
 * marked dev (npm lays the production tree out exactly as the full one, minus the dev packages).
 */
export function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; link?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith('node_modules/') && !key.slice('node_modules/'.length).includes('/node_modules/') && !entry.dev)
    .map(([key]) => key.slice('node_modules/'.length));
}

/**
 * A scratch deployment: the compiled output (npm run build) and a node_modules holding only the production
 * packages, as symlinks into the shared install. Run it with `node --preserve-symlinks` so a package's own
 * requires resolve inside the scratch tree, never in the full node_modules beside the sources.
 */
export function scratchDeployment(dir: string): { packages: string[] } {
  execFileSync(process.execPath, [join(ROOT, 'tools', 'build.js'), join(dir, 'dist')], { cwd: ROOT, stdio: 'pipe' });
  writeFileSync(join(dir, 'package.json'), readFileSync(join(ROOT, 'package.json')));
  const packages = productionPackages();
  for (const name of packages) {
    const source = join(ROOT, 'node_modules', name);
    const target = join(dir, 'node_modules', name);
    mkdirSync(dirname(target), { recursive: true });
    try {
      symlinkSync(source, target, 'dir');
    } catch (error) {
      // an optional package of another platform is in the lockfile but not installed here
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return { packages };
}
