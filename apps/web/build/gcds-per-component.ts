import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const PACKAGE = '@gcds-core/components-react';
const VIRTUAL = '\0gcds-component:';

/**
 * The design system's React wrappers are one module holding every component, so whichever chunk first needs one
 * carries all the components the whole app uses (a bundler splits chunks by module, never inside one). This
 * rewrites `import { GcdsButton } from '@gcds-core/components-react'` into one virtual module per component, each
 * the package's own wrapper text, so each page's chunk carries only the components it shows.
 */
export function gcdsPerComponent(): Plugin {
  const require = createRequire(import.meta.url);
  // the package exports no package.json and only an `import` entry, so look for its folder the way Node would
  const folder = (require.resolve.paths(PACKAGE) ?? []).map((dir) => join(dir, PACKAGE)).find((dir) => existsSync(join(dir, 'dist', 'components.js')));
  if (!folder) throw new Error(`gcds-per-component: ${PACKAGE} is not installed`);
  const dist = join(folder, 'dist');
  const source = readFileSync(join(dist, 'components.js'), 'utf8');
  const header = [...source.matchAll(/^import .* from '(?:@stencil\/react-output-target\/runtime|react)';$/gm)].map((m) => m[0]).join('\n');
  const wrappers = new Map<string, string>();
  for (const block of source.matchAll(/^export const (Gcds\w+) = \/\*@__PURE__\*\/ createComponent\(\{[\s\S]*?^\}\);$/gm)) {
    const name = block[1];
    const element = source.match(new RegExp(`^import \\{ ${name} as ${name}Element, defineCustomElement as define${name} \\} from "[^"]+";$`, 'm'));
    if (element) wrappers.set(name, `${header}\n${element[0]}\n${block[0]}\n`);
  }
  // the table's wrapper with slots is a module of its own in the package already
  const tableWithSlots = join(dist, 'GcdsTableWithSlots.js');

  return {
    name: 'gcds-per-component',
    enforce: 'pre',
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? id : null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const name = id.slice(VIRTUAL.length);
      const text = wrappers.get(name);
      if (!text) throw new Error(`gcds-per-component: no wrapper named ${name} in ${PACKAGE}`);
      return text;
    },
    transform(code, id) {
      if (id.includes('node_modules') || !code.includes(PACKAGE)) return null;
      const pattern = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*['"]${PACKAGE.replace('/', '\\/')}['"];?`, 'g');
      let changed = false;
      const out = code.replace(pattern, (statement, names: string) => {
        const specifiers = names
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        // types (import type / `type X`) vanish at compile time: leave anything not a known wrapper untouched
        if (/^\s*import\s+type\b/.test(statement) || specifiers.some((s) => s.startsWith('type ') || !/^Gcds\w+( as \w+)?$/.test(s))) return statement;
        changed = true;
        return specifiers
          .map((s) => {
            const [imported, local = imported] = s.split(/\s+as\s+/);
            const from = imported === 'GcdsTable' ? tableWithSlots : `${VIRTUAL}${imported}`;
            const exported = imported === 'GcdsTable' ? 'GcdsTableWithSlots' : imported;
            if (imported !== 'GcdsTable' && !wrappers.has(imported)) throw new Error(`gcds-per-component: ${PACKAGE} has no ${imported}`);
            return `import { ${exported} as ${local} } from ${JSON.stringify(from)};`;
          })
          .join('\n');
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}
