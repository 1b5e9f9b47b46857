#!/usr/bin/env node
/*
 * npm run build: compiles the API, the worker, the libraries and the migration tool to JavaScript under
 * dist/ (same layout as the sources: dist/apps/api/src/main.js …) with swc, resolving the @forum/* path
 * aliases to relative requires, so production runs plain `node` with no TypeScript tooling at all.
 * Type-checking is `npm run typecheck` (the Docker build runs both).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.resolve(ROOT, process.argv[2] || 'dist');
const { compilerOptions } = require(path.join(ROOT, 'tsconfig.base.json'));
const SOURCES = ['apps/api/src', 'apps/worker/src', ...fs.readdirSync(path.join(ROOT, 'libs')).map((lib) => `libs/${lib}/src`), 'tools/migrate.ts'];
const SKIP = /\.(spec|e2e-spec)\.ts$|\.d\.ts$/;

function files(relative) {
  const full = path.join(ROOT, relative);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [relative];
  return fs.readdirSync(full).flatMap((entry) => files(path.join(relative, entry)));
}

/** `@forum/core` → the relative path from `file` to libs/core/src/index, as a require of the output. */
function resolveAlias(file, specifier) {
  const target = compilerOptions.paths[specifier]?.[0];
  if (!target) return null;
  let relative = path
    .relative(path.dirname(file), path.join(ROOT, target.replace(/\.ts$/, '')))
    .split(path.sep)
    .join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return relative;
}

const options = (file) => ({
  filename: file,
  sourceMaps: true,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
});

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  const sources = SOURCES.flatMap(files).filter((f) => f.endsWith('.ts') && !SKIP.test(f));
  let aliases = 0;
  await Promise.all(
    sources.map(async (relative) => {
      const file = path.join(ROOT, relative);
      const input = fs.readFileSync(file, 'utf8');
      const { code, map } = await swc.transform(input, options(file));
      // the aliases, in require("…") and dynamic import("…") of the emitted CommonJS
      const output = code.replace(/(require\(|import\()(["'])(@forum\/[a-z-]+)\2/g, (whole, call, quote, specifier) => {
        const resolved = resolveAlias(file, specifier);
        if (!resolved) throw new Error(`${relative}: unknown alias ${specifier}`);
        aliases++;
        return `${call}${quote}${resolved}${quote}`;
      });
      const target = path.join(OUT, relative.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, `${output}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
      if (map) fs.writeFileSync(`${target}.map`, map);
    }),
  );
  // what the code reads beside itself at run time (generated schemas, the common-password list, child-process scripts)
  const assets = SOURCES.flatMap(files).filter((f) => /\.(json|mjs|txt)$/.test(f));
  for (const relative of assets) {
    const target = path.join(OUT, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(ROOT, relative), target);
  }
  process.stdout.write(
    `Compiled ${sources.length} files and copied ${assets.length} assets to ${path.relative(ROOT, OUT) || '.'}/ (${aliases} @forum/* requires resolved)\n`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
